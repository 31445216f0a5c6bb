package com.autonomos.handshake.dcl.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one place a connector's visible state is derived, for the lifecycle API, the telemetry and the health alike:
 * the desired configuration, what this worker's sidecar reports, and the lease of whichever worker reads it.
 */
@Component
public class ConnectorStatuses {

    private final ConnectorRegistry registry;
    private final ConnectorRuntime runtime;
    private final ConnectorOwnership ownership;

    ConnectorStatuses(ConnectorRegistry registry, ConnectorRuntime runtime, ConnectorOwnership ownership) {
        this.registry = registry;
        this.runtime = runtime;
        this.ownership = ownership;
    }

    /** A loaded connector's status, with the lease of whichever worker of the cluster reads it. */
    public ConnectorStatus of(ConnectorConfig config) {
        return ConnectorStatus.of(config, runtime.status(config.connectorId()).orElse(null),
                ownership.lease(config.connectorId()).orElse(null));
    }

    /** Every connector, sorted by id: the loaded ones, those whose stored file is unreadable, those beyond the limit. */
    public List<ConnectorStatus> all() {
        return all(this::of);
    }

    /**
     * Every connector as this worker alone knows it, without asking the cluster's store (so it answers while Redis
     * is unreachable): the leases it holds itself, and no lease for the rest. For the readiness health.
     */
    List<ConnectorStatus> local() {
        return all(config -> {
            String id = config.connectorId();
            ConnectorOwnership.Lease held = ownership.owns(id)
                    ? new ConnectorOwnership.Lease(ownership.workerId(), ownership.epoch(id), null) : null;
            return ConnectorStatus.of(config, runtime.status(id).orElse(null), held);
        });
    }

    private List<ConnectorStatus> all(Function<ConnectorConfig, ConnectorStatus> loaded) {
        List<ConnectorStatus> statuses = new ArrayList<>();
        registry.all().forEach(config -> statuses.add(loaded.apply(config)));
        registry.problems().forEach(problem -> statuses.add(ConnectorStatus.broken(problem)));
        registry.stopped().forEach(config -> statuses.add(ConnectorStatus.stopped(config, registry.max())));
        statuses.sort(Comparator.comparing(ConnectorStatus::connectorId));
        return statuses;
    }

    /** One connector in any of the three conditions {@link #all()} lists; empty if there is none of that id. */
    public Optional<ConnectorStatus> find(String connectorId) {
        return registry.find(connectorId).map(this::of)
                .or(() -> registry.problem(connectorId).map(ConnectorStatus::broken))
                .or(() -> registry.stopped(connectorId).map(config -> ConnectorStatus.stopped(config, registry.max())));
    }

    /** Whether this worker is the one reading the connector, or none is (a failure elsewhere is another worker's). */
    boolean readHere(ConnectorStatus status) {
        return status.workerId() == null || status.workerId().equals(ownership.workerId());
    }
}
