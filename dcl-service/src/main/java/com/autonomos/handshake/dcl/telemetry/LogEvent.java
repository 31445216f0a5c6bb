package com.autonomos.handshake.dcl.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The {@code log} server-sent event: one INFO+ log line of DCL, exactly as it was logged. */
record LogEvent(
        @JsonProperty("ts") Instant ts,
        @JsonProperty("level") String level,
        @JsonProperty("logger") String logger,
        @JsonProperty("message") String message) {
}
