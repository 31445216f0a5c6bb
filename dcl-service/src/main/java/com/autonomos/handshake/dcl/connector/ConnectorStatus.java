package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One connector as the lifecycle API shows it (Kafka Connect's status): desired configuration plus observed state.
 * A connector whose stored file could not be loaded is FAILED with the reason in {@code last_error} and no version.
 * Derived only by {@link ConnectorStatuses}.
 */
public record ConnectorStatus(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("state") ConnectorState state,
        @JsonProperty("version") Long version,
        @JsonProperty("target_url") String targetUrl,
        @JsonProperty("source_type") String sourceType,
        @JsonProperty("policy") ConnectorPolicy policy,
        @JsonProperty("since") Instant since,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_error_at") Instant lastErrorAt,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("lease_epoch") Long leaseEpoch) {

    /**
     * @param lease the connector's owner (cluster-wide); its reported state stands in for a sidecar of another worker
     */
    static ConnectorStatus of(ConnectorConfig config, ConnectorRuntimeStatus runtime, ConnectorOwnership.Lease lease) {
        ConnectorState state;
        Instant since;
        if (config.paused()) {
            state = ConnectorState.PAUSED;
            since = runtime != null && runtime.state() == ConnectorState.PAUSED ? runtime.since() : config.updatedAt();
        } else if (runtime == null) {
            // another worker's sidecar reports through its lease; else it has not reported yet
            state = lease != null && lease.state() != null ? lease.state() : ConnectorState.CONNECTING;
            since = config.updatedAt();
        } else {
            state = runtime.state();
            since = runtime.since();
        }
        return new ConnectorStatus(config.connectorId(), state, config.version(), config.targetUrl(), config.sourceType(),
                config.policy(), since, runtime == null ? null : runtime.lastError(),
                runtime == null ? null : runtime.lastErrorAt(),
                lease == null ? null : lease.workerId(), lease == null ? null : lease.epoch());
    }

    static ConnectorStatus stopped(ConnectorConfig config, int max) {
        return new ConnectorStatus(config.connectorId(), ConnectorState.STOPPED, config.version(), config.targetUrl(),
                config.sourceType(), config.policy(), config.updatedAt(), "not started: " + max
                + " connectors were loaded first (dcl.connectors.max); provision it again after deleting another, or"
                + " raise the limit", null, null, null);
    }

    static ConnectorStatus broken(ConnectorStoreProblem problem) {
        return new ConnectorStatus(problem.connectorId(), ConnectorState.FAILED, null, null, null, null, null,
                "stored configuration unreadable: " + problem.reason(), null, null, null);
    }
}
