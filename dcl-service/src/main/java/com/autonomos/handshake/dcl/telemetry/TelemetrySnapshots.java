package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.contracts.telemetry.ConnectorTelemetry;
import com.autonomos.handshake.contracts.telemetry.TelemetrySnapshot;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorOwnership;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the fixed {@code /api/ingest/telemetry} shape from the meters, the registry and the sidecars' states. */
@Component
public class TelemetrySnapshots {

    private final IngestTelemetry telemetry;
    private final ConnectorRegistry registry;
    private final ConnectorRuntime runtime;
    private final ConnectorOwnership ownership;

    TelemetrySnapshots(IngestTelemetry telemetry, ConnectorRegistry registry, ConnectorRuntime runtime,
                       ConnectorOwnership ownership) {
        this.ownership = ownership;
        this.telemetry = telemetry;
        this.registry = registry;
        this.runtime = runtime;
    }

    public TelemetrySnapshot snapshot() {
        List<ConnectorConfig> configs = registry.all();
        List<ConnectorTelemetry> connectors = configs.stream().map(this::connector).toList();
        return new TelemetrySnapshot(telemetry.totals(configs.stream().map(ConnectorConfig::connectorId).toList()),
                connectors);
    }

    private ConnectorTelemetry connector(ConnectorConfig config) {
        ConnectorRuntimeStatus status = runtime.status(config.connectorId()).orElse(null);
        ConnectorOwnership.Lease lease = ownership.lease(config.connectorId()).orElse(null);
        ConnectorState state = status != null ? status.state()
                : config.paused() ? ConnectorState.PAUSED
                : lease != null && lease.state() != null ? lease.state() : ConnectorState.CONNECTING;
        return new ConnectorTelemetry(config.connectorId(), state, config.version(), config.targetUrl(),
                status == null ? null : status.lastError(), lease == null ? null : lease.workerId(),
                lease == null ? null : lease.epoch(), telemetry.counts(config.connectorId()));
    }
}
