package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A line that was not delivered, and why. {@code raw} is truncated to a bound. */
public record DeadLetter(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("config_version") long configVersion,
        @JsonProperty("reason") DeadLetterReason reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("raw") String raw,
        @JsonProperty("raw_truncated") boolean rawTruncated,
        @JsonProperty("ts") Instant ts) {
}
