package com.autonomos.handshake.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One connector's identity and state, with its counters inlined beside them. */
public record ConnectorTelemetry(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("state") ConnectorState state,
        @JsonProperty("version") long version,
        @JsonProperty("target_url") String targetUrl,
        @JsonProperty("last_error") String lastError,
        @JsonUnwrapped TelemetryCounts counts) {
}
