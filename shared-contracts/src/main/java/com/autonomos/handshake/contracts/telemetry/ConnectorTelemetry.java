package com.autonomos.handshake.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One connector's identity and state, with its counters inlined beside them.
 *
 * @param workerId   the worker reading it (cluster mode: its lease holder; embedded mode: this process); null while
 *                   no worker holds it
 * @param leaseEpoch the fencing epoch of that lease; 0 in embedded mode
 */
public record ConnectorTelemetry(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("state") ConnectorState state,
        @JsonProperty("version") long version,
        @JsonProperty("target_url") String targetUrl,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("lease_epoch") Long leaseEpoch,
        @JsonUnwrapped TelemetryCounts counts) {
}
