package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.contracts.telemetry.ConnectorTelemetry;
import com.autonomos.handshake.contracts.telemetry.TelemetrySnapshot;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
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

    TelemetrySnapshots(IngestTelemetry telemetry, ConnectorRegistry registry, ConnectorRuntime runtime) {
        this.telemetry = telemetry;
        this.registry = registry;
        this.runtime = runtime;
    }

    public TelemetrySnapshot snapshot() {
        List<ConnectorTelemetry> connectors = registry.all().stream().map(this::connector).toList();
        return new TelemetrySnapshot(telemetry.totals(), connectors);
    }

    private ConnectorTelemetry connector(ConnectorConfig config) {
        ConnectorRuntimeStatus status = runtime.status(config.connectorId()).orElse(null);
        ConnectorState state = status != null ? status.state()
                : config.paused() ? ConnectorState.PAUSED : ConnectorState.CONNECTING;
        return new ConnectorTelemetry(config.connectorId(), state, config.version(), config.targetUrl(),
                status == null ? null : status.lastError(), telemetry.counts(config.connectorId()));
    }
}
