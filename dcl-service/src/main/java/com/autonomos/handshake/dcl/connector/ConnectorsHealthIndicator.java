package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code connectors} health (in the readiness group, never in liveness): every connector's state as this worker
 * knows it without asking Redis (derived as the lifecycle API derives it), and DOWN naming each FAILED connector this
 * worker reads and why, including a stored connector whose file could not be read at start-up. A RECONNECTING or
 * PAUSED connector does not make the service unready, nor does one beyond the connector limit (STOPPED).
 */
@Component
class ConnectorsHealthIndicator implements HealthIndicator {

    private final ConnectorStatuses statuses;

    ConnectorsHealthIndicator(ConnectorStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (ConnectorStatus status : statuses.local()) {
            Map<String, Object> connector = new LinkedHashMap<>();
            connector.put("state", status.state());
            if (status.version() != null) {
                connector.put("version", status.version());
            }
            if (status.lastError() != null) {
                connector.put("last_error", status.lastError());
            }
            if (status.workerId() != null) {
                connector.put("worker_id", status.workerId());
            }
            details.put(status.connectorId(), connector);
            if (status.state() == ConnectorState.FAILED && statuses.readHere(status)) {
                failed.put(status.connectorId(), status.lastError());
            }
        }
        Health.Builder health = failed.isEmpty() ? Health.up() : Health.down().withDetail("failed", failed);
        return health.withDetail("connectors", details).build();
    }
}
