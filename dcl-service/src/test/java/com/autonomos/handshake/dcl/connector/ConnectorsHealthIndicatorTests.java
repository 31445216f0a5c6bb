package com.autonomos.handshake.dcl.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The readiness view of the connectors is the lifecycle API's view: the same state for the same connector. */
class ConnectorsHealthIndicatorTests {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-01T10:05:00Z");

    private final ConnectorRegistry registry = mock(ConnectorRegistry.class);
    private final ConnectorRuntime runtime = mock(ConnectorRuntime.class);
    private final ConnectorOwnership ownership = mock(ConnectorOwnership.class);
    private final ConnectorStatuses statuses = new ConnectorStatuses(registry, runtime, ownership);
    private final ConnectorsHealthIndicator health = new ConnectorsHealthIndicator(statuses);

    private static ConnectorConfig config(String id, boolean paused) {
        return new ConnectorConfig(id, "mulesoft_stream", "http://farm.example/stream/" + id, ConnectorPolicy.repairing(),
                3, paused, T0);
    }

    private void loaded(ConnectorConfig... configs) {
        when(registry.all()).thenReturn(List.of(configs));
        for (ConnectorConfig config : configs) {
            when(registry.find(config.connectorId())).thenReturn(Optional.of(config));
        }
        when(ownership.workerId()).thenReturn("worker-a");
    }

    private void heldHere(String connectorId) {
        when(ownership.owns(connectorId)).thenReturn(true);
        when(ownership.epoch(connectorId)).thenReturn(4L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> connector(Health h, String id) {
        return (Map<String, Object>) ((Map<String, Object>) h.getDetails().get("connectors")).get(id);
    }

    @Test
    void aPausedConnectorIsReportedPausedAsTheLifecycleApiShowsItAndKeepsTheServiceReady() {
        loaded(config("held", true));
        heldHere("held");
        when(runtime.status("held")).thenReturn(Optional.empty()); // its sidecar has not reported the pause yet
        when(ownership.lease("held")).thenReturn(Optional.of(new ConnectorOwnership.Lease("worker-a", 4, null)));

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(connector(h, "held")).containsEntry("state", ConnectorState.PAUSED).containsEntry("version", 3L);
        assertThat(statuses.find("held")).get().extracting(ConnectorStatus::state).isEqualTo(ConnectorState.PAUSED);
    }

    @Test
    void aConnectorThatFailedOnThisWorkerMakesTheServiceUnreadyWithTheReason() {
        loaded(config("broken-target", false));
        when(runtime.status("broken-target")).thenReturn(Optional.of(new ConnectorRuntimeStatus(ConnectorState.FAILED,
                3, "target not on the allow-list", T1, T1)));
        heldHere("broken-target");

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails().get("failed")).isEqualTo(Map.of("broken-target", "target not on the allow-list"));
        assertThat(connector(h, "broken-target")).containsEntry("state", ConnectorState.FAILED)
                .containsEntry("worker_id", "worker-a");
    }

    @Test
    void aConnectorAnotherWorkerReadsNeverCountsAgainstThisWorkerAndRedisIsNotAsked() {
        loaded(config("elsewhere", false));
        when(runtime.status("elsewhere")).thenReturn(Optional.empty());
        when(ownership.lease("elsewhere"))
                .thenReturn(Optional.of(new ConnectorOwnership.Lease("worker-b", 7, ConnectorState.FAILED)));

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(connector(h, "elsewhere")).containsEntry("state", ConnectorState.CONNECTING)
                .doesNotContainKey("worker_id");
        verify(ownership, never()).lease(anyString()); // readiness must answer while Redis does not
        assertThat(statuses.find("elsewhere")).get().extracting(ConnectorStatus::state, ConnectorStatus::workerId)
                .containsExactly(ConnectorState.FAILED, "worker-b"); // the lifecycle API does ask the cluster
    }

    @Test
    void anUnreadableStoredConnectorIsDownAndOneBeyondTheLimitIsStoppedButReady() {
        loaded();
        when(registry.problems()).thenReturn(List.of(new ConnectorStoreProblem("garbled", "not JSON")));
        when(registry.stopped()).thenReturn(List.of(config("surplus", false)));
        when(registry.max()).thenReturn(1);

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails().get("failed"))
                .isEqualTo(Map.of("garbled", "stored configuration unreadable: not JSON"));
        assertThat(connector(h, "surplus")).containsEntry("state", ConnectorState.STOPPED);
        assertThat(statuses.all()).extracting(ConnectorStatus::connectorId).containsExactly("garbled", "surplus");
    }
}
