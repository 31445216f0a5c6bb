package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.telemetry.ConnectorTelemetry;
import com.autonomos.handshake.contracts.telemetry.TelemetrySnapshot;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorStatus;
import com.autonomos.handshake.dcl.connector.ConnectorStatuses;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds the fixed {@code /api/ingest/telemetry} shape: each connector's status beside its meters, and the totals. */
@Component
class TelemetrySnapshots {

    private final IngestTelemetry telemetry;
    private final ConnectorRegistry registry;
    private final ConnectorStatuses statuses;

    TelemetrySnapshots(IngestTelemetry telemetry, ConnectorRegistry registry, ConnectorStatuses statuses) {
        this.telemetry = telemetry;
        this.registry = registry;
        this.statuses = statuses;
    }

    TelemetrySnapshot snapshot() {
        List<ConnectorConfig> configs = registry.all();
        List<ConnectorTelemetry> connectors = configs.stream().map(this::connector).toList();
        return new TelemetrySnapshot(telemetry.totals(configs.stream().map(ConnectorConfig::connectorId).toList()),
                connectors);
    }

    private ConnectorTelemetry connector(ConnectorConfig config) {
        ConnectorStatus status = statuses.of(config);
        return new ConnectorTelemetry(status.connectorId(), status.state(), config.version(), status.targetUrl(),
                status.lastError(), status.workerId(), status.leaseEpoch(), telemetry.counts(config.connectorId()));
    }
}
