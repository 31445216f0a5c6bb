package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import com.autonomos.handshake.dcl.connector.ConnectorStoreProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code connectors} health (in the readiness group, never in liveness): DOWN naming each FAILED connector and
 * why, including a stored connector whose file could not be read at start-up. A RECONNECTING connector is shown in the
 * details but does not make the service unready: it heals by itself.
 */
@Component
class ConnectorsHealthIndicator implements HealthIndicator {

    private final ConnectorRegistry registry;
    private final ConnectorRuntime runtime;

    ConnectorsHealthIndicator(ConnectorRegistry registry, ConnectorRuntime runtime) {
        this.registry = registry;
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (ConnectorConfig config : registry.all()) {
            ConnectorRuntimeStatus status = runtime.status(config.connectorId()).orElse(null);
            Map<String, Object> connector = new LinkedHashMap<>();
            ConnectorState state = status == null ? ConnectorState.CONNECTING : status.state();
            connector.put("state", state);
            connector.put("version", config.version());
            if (status != null && status.lastError() != null) {
                connector.put("last_error", status.lastError());
            }
            details.put(config.connectorId(), connector);
            if (state == ConnectorState.FAILED) {
                failed.put(config.connectorId(), status.lastError());
            }
        }
        for (ConnectorStoreProblem problem : registry.problems()) {
            String why = "stored configuration unreadable: " + problem.reason();
            Map<String, Object> connector = new LinkedHashMap<>();
            connector.put("state", ConnectorState.FAILED);
            connector.put("last_error", why);
            details.put(problem.connectorId(), connector);
            failed.put(problem.connectorId(), why);
        }
        for (ConnectorConfig config : registry.stopped()) { // beyond the limit at start-up: reported, not failing
            details.put(config.connectorId(), Map.of("state", ConnectorState.STOPPED, "version", config.version()));
        }
        Health.Builder health = failed.isEmpty() ? Health.up() : Health.down().withDetail("failed", failed);
        return health.withDetail("connectors", details).build();
    }
}
