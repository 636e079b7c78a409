/**
 * Background jobs on db-scheduler: durable, scheduled inside the transaction that causes them, retried with back-off,
 * and kept in a dead-letter table when every retry failed.
 */
package io.staybook.shared.jobs;
