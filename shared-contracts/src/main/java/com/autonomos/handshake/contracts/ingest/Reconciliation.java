package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A field DCL took from the record of truth because the Farm's verification disputed it (policy {@code reconcile}):
 * what the stream said and what the record of truth says.
 */
public record Reconciliation(
        @JsonProperty("field") String field,
        @JsonProperty("stream_value") Object streamValue,
        @JsonProperty("truth_value") Object truthValue) {
}
