/**
 * Amounts of money: a {@link io.staybook.shared.money.Money} knows how many decimal places its currency allows and
 * what our {@code numeric(12, 2)} columns can hold.
 */
package io.staybook.shared.money;
