package com.autonomos.handshake.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The fixed shape of {@code GET /api/ingest/telemetry}: totals plus one entry per connector. */
public record TelemetrySnapshot(
        @JsonProperty("totals") TelemetryCounts totals,
        @JsonProperty("connectors") List<ConnectorTelemetry> connectors) {
}
