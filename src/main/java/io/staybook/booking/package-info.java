/**
 * Bookings: a guest holds dates, pays, stays and leaves; hosts check guests in and out; unpaid holds expire and past
 * stays complete by background jobs. No two active bookings or blocks of a property overlap, by the database.
 */
package io.staybook.booking;
