package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A field where a record differs from the record of truth, as the Farm's verify endpoint reports it. */
public record Mismatch(
        @JsonProperty("field") String field,
        @JsonProperty("expected") Object expected,
        @JsonProperty("received") Object received) {
}
