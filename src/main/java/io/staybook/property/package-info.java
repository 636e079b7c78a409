/**
 * Listings: hosts create and change them, anyone searches and reads them, and hosts close dates on their calendar.
 */
package io.staybook.property;
