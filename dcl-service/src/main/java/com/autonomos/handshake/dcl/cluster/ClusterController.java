package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorOwnership;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cluster}: the workers and which connectors each holds; the same from every worker. */
@RestController
@Tag(name = "cluster")
class ClusterController {

    private final ConnectorOwnership ownership;
    private final ConnectorRegistry registry;
    private final ObjectProvider<LeaseKeeper> leases;
    private final Clock clock;

    ClusterController(ConnectorOwnership ownership, ConnectorRegistry registry, ObjectProvider<LeaseKeeper> leases,
                      Clock clock) {
        this.ownership = ownership;
        this.registry = registry;
        this.leases = leases;
        this.clock = clock;
    }

    @GetMapping("/api/cluster")
    ClusterView cluster() {
        LeaseKeeper keeper = leases.getIfAvailable();
        Map<String, Instant> seen = keeper == null ? Map.of(ownership.workerId(), clock.instant()) : keeper.workers();
        Map<String, List<String>> byWorker = new LinkedHashMap<>();
        seen.keySet().forEach(worker -> byWorker.put(worker, new ArrayList<>()));
        for (ConnectorConfig config : registry.all()) {
            ownership.lease(config.connectorId()).ifPresent(lease ->
                    byWorker.computeIfAbsent(lease.workerId(), w -> new ArrayList<>()).add(config.connectorId()));
        }
        List<WorkerView> workers = byWorker.entrySet().stream()
                .map(e -> new WorkerView(e.getKey(), seen.get(e.getKey()), e.getValue()))
                .toList();
        return new ClusterView(ownership.clustered() ? "redis" : "embedded", ownership.workerId(), workers);
    }

    record ClusterView(@JsonProperty("mode") String mode, @JsonProperty("worker_id") String workerId,
                       @JsonProperty("workers") List<WorkerView> workers) {
    }

    /** @param lastSeen its last heartbeat; null for a worker that holds leases but no longer heartbeats */
    record WorkerView(@JsonProperty("worker_id") String workerId, @JsonProperty("last_seen") Instant lastSeen,
                      @JsonProperty("connectors") List<String> connectors) {
    }
}
