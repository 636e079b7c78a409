/**
 * The zero-setup database: with no datasource configured, a real PostgreSQL is started in-process.
 */
package io.staybook.shared.database;
