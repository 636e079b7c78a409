/**
 * Observability: the request id ({@code X-Request-Id}, MDC {@code request_id}) and the job log context (MDC
 * {@code job}), and the business meters (see the README, "Observability").
 */
package io.staybook.shared.observability;
