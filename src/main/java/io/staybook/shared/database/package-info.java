/**
 * The database connections: the zero-setup database (with no datasource configured, a real PostgreSQL is started
 * in-process), and the optional read replica, to which public reads ({@link io.staybook.shared.database.ReplicaReads})
 * are routed while it keeps up with the primary.
 */
package io.staybook.shared.database;
