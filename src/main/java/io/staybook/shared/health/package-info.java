/**
 * Health for load balancers and orchestrators: liveness asks nothing outside the process, readiness asks PostgreSQL
 * within a deadline, so that a stopped or stalled database is reported at once instead of hanging the probe.
 */
package io.staybook.shared.health;
