package com.autonomos.handshake.contracts.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a scanner saw when it probed a route.
 *
 * @param reachable  the route answered at all
 * @param httpStatus the HTTP status of the probe, 0 when nothing answered
 * @param latencyMs  round trip of the probe
 * @param looksLikeInvoices the sample parsed as an invoice record
 * @param detail     a short human-readable account of the probe
 */
public record ProbeResult(
        @JsonProperty("reachable") boolean reachable,
        @JsonProperty("http_status") int httpStatus,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("looks_like_invoices") boolean looksLikeInvoices,
        @JsonProperty("detail") String detail) {
}
