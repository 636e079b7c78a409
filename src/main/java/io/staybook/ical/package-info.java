/**
 * Calendar sync (iCal, RFC 5545): a listing's secret export URL, and external calendars imported as blocks every sync
 * interval, fetched under SSRF rules.
 */
package io.staybook.ical;
