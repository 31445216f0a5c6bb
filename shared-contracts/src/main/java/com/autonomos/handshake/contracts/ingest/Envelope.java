package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A delivered record: DCL's metadata plus the (possibly repaired) invoice. */
public record Envelope(
        @JsonProperty("meta") EnvelopeMeta meta,
        @JsonProperty("payload") Map<String, Object> payload) {
}
