package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The desired configuration of every connector: one {@link AtomicReference} per connector id, which the sidecar reads
 * before each poll. Changes are serialized per connector (so concurrent provisions get consecutive versions and none is
 * lost), persisted before they become visible, and announced with a {@link ConnectorChanged} event.
 */
@Component
public class ConnectorRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, AtomicReference<ConnectorConfig>> connectors = new ConcurrentHashMap<>();
    private final ConnectorStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<String, ConnectorStoreProblem> problems = new ConcurrentHashMap<>();
    /** Stored connectors beyond {@code dcl.connectors.max} at start-up: kept in the store, not run, reported STOPPED. */
    private final Map<String, ConnectorConfig> stopped = new ConcurrentHashMap<>();
    private final Object creation = new Object();
    private final int max;

    public ConnectorRegistry(ConnectorStore store, ApplicationEventPublisher events, Clock clock,
                             ConnectorsProperties limits) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.max = limits.max();
        for (ConnectorConfig config : store.loadAll()) {
            if (connectors.size() < max) { // in id order: the same ones run after every restart
                connectors.put(config.connectorId(), new AtomicReference<>(config));
            } else {
                stopped.put(config.connectorId(), config);
            }
        }
        for (ConnectorStoreProblem problem : store.problems()) {
            problems.put(problem.connectorId(), problem);
        }
    }

    /**
     * Stored connectors that could not be loaded at start-up (torn or garbled files), reported as FAILED until they
     * are provisioned again (which replaces the file) or deleted.
     */
    public List<ConnectorStoreProblem> problems() {
        return problems.values().stream().sorted(Comparator.comparing(ConnectorStoreProblem::connectorId)).toList();
    }

    public Optional<ConnectorStoreProblem> problem(String connectorId) {
        return Optional.ofNullable(problems.get(connectorId));
    }

    /**
     * Stored connectors left stopped at start-up because {@code dcl.connectors.max} were loaded already. Provisioning
     * one again (within the limit) starts it at its next version; deleting it sets its file aside.
     */
    public List<ConnectorConfig> stopped() {
        return stopped.values().stream().sorted(Comparator.comparing(ConnectorConfig::connectorId)).toList();
    }

    public Optional<ConnectorConfig> stopped(String connectorId) {
        return Optional.ofNullable(stopped.get(connectorId));
    }

    public int max() {
        return max;
    }

    /** Creates or re-points a connector. Identical packages change nothing and keep the version. */
    public ProvisionOutcome provision(ProvisioningPackage pkg) {
        while (true) {
            AtomicReference<ConnectorConfig> ref = connectors.computeIfAbsent(pkg.connectorId(), id -> new AtomicReference<>());
            synchronized (ref) {
                if (connectors.get(pkg.connectorId()) != ref) {
                    continue; // deleted meanwhile: start over on the fresh reference
                }
                return provisionLocked(ref, pkg);
            }
        }
    }

    private ProvisionOutcome provisionLocked(AtomicReference<ConnectorConfig> ref, ProvisioningPackage pkg) {
        if (ref.get() == null) {
            synchronized (creation) { // one creation at a time, so the count cannot overshoot the limit
                if (connectors.values().stream().filter(r -> r.get() != null).count() >= max) {
                    connectors.remove(pkg.connectorId(), ref);
                    throw new ConnectorLimitException(max);
                }
                return applyLocked(ref, pkg);
            }
        }
        return applyLocked(ref, pkg);
    }

    private ProvisionOutcome applyLocked(AtomicReference<ConnectorConfig> ref, ProvisioningPackage pkg) {
        ConnectorConfig previous;
        ConnectorConfig next;
        while (true) {
            previous = stored(pkg.connectorId(), ref);
            if (previous != null && previous.sameTargetingAs(pkg)) {
                ref.set(previous);
                log.info("Provisioning Command unchanged connector={} version={}", previous.connectorId(),
                        previous.version());
                return new ProvisionOutcome(previous, previous, false);
            }
            next = previous == null
                    ? ConnectorConfig.first(pkg, clock.instant(), lastVersion(pkg.connectorId()) + 1)
                    : previous.next(pkg, clock.instant());
            boolean stored;
            try {
                stored = store.replace(previous, next); // durable before visible: a crash never loses an acknowledged version
            } catch (RuntimeException e) {
                if (ref.get() == null) {
                    connectors.remove(pkg.connectorId(), ref);
                }
                throw e;
            }
            if (stored) {
                break;
            } // else another worker changed it first: build on what it stored
        }
        ref.set(next);
        problems.remove(next.connectorId());
        stopped.remove(next.connectorId());
        // the seed's order: the handshake line first, then the sidecar's switch (the event runs it synchronously)
        log.info("Received Provisioning Command from AOD. Switching Target to {}", next.targetUrl());
        events.publishEvent(new ConnectorChanged(next.connectorId(), next));
        return new ProvisionOutcome(next, previous, true);
    }

    /** The version a new life of this id continues from: a stopped one's, or the tombstone of a deleted one. */
    private long lastVersion(String connectorId) {
        ConnectorConfig dormant = stopped.get(connectorId);
        return Math.max(dormant == null ? 0 : dormant.version(), store.retiredVersion(connectorId));
    }

    /**
     * The connector's current config, read from its reference: what the sidecar reads before each connect and on each
     * tick. Read-only: only this registry sets a reference.
     */
    public Optional<ConnectorConfig> find(String connectorId) {
        AtomicReference<ConnectorConfig> ref = connectors.get(connectorId);
        return ref == null ? Optional.empty() : Optional.ofNullable(ref.get());
    }

    /**
     * The connector named in a request path: the id checked first ({@link ConnectorId}), then that it exists.
     *
     * @throws UnknownConnectorException 404 when no loaded connector has that id
     */
    public ConnectorConfig require(String connectorId) {
        ConnectorId.requireValid(connectorId);
        return find(connectorId).orElseThrow(() -> new UnknownConnectorException(connectorId));
    }

    public List<ConnectorConfig> all() {
        return connectors.values().stream()
                .map(AtomicReference::get)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(ConnectorConfig::connectorId))
                .toList();
    }

    public Optional<ConnectorConfig> pause(String connectorId) {
        return update(connectorId, config -> config.withPaused(true, clock.instant()));
    }

    public Optional<ConnectorConfig> resume(String connectorId) {
        return update(connectorId, config -> config.withPaused(false, clock.instant()));
    }

    /** Stops and forgets a connector; its data files stay where they are. */
    public Optional<ConnectorConfig> delete(String connectorId) {
        AtomicReference<ConnectorConfig> ref = connectors.get(connectorId);
        if (ref == null) {
            synchronized (creation) {
                ConnectorConfig dormant = stopped.remove(connectorId);
                if (dormant != null) {
                    store.delete(connectorId);
                }
                return Optional.ofNullable(dormant);
            }
        }
        synchronized (ref) {
            ConnectorConfig removed = ref.get();
            if (removed == null) {
                return Optional.empty();
            }
            store.delete(connectorId);
            ref.set(null);
            connectors.remove(connectorId, ref);
            events.publishEvent(new ConnectorChanged(connectorId, null));
            return Optional.of(removed);
        }
    }

    /** What the store holds now: re-read when other workers write it too, else the registry's own reference. */
    private ConnectorConfig stored(String connectorId, AtomicReference<ConnectorConfig> ref) {
        return store.shared() ? store.load(connectorId).orElse(null) : ref.get();
    }

    /**
     * Cluster mode: takes what the shared store holds for every connector as current (the periodic reconcile) and
     * announces each change with {@link ConnectorChanged}.
     */
    public void refreshAll() {
        Set<String> ids = new HashSet<>(connectors.keySet());
        for (ConnectorConfig stored : store.loadAll()) {
            ids.remove(stored.connectorId());
            observe(stored.connectorId(), stored);
        }
        ids.forEach(this::refresh); // missing from the listing: re-read one by one, it may have been created since
    }

    /** Cluster mode: takes what the shared store holds for one connector as current (the pub/sub nudge). */
    public void refresh(String connectorId) {
        observe(connectorId, store.load(connectorId).orElse(null));
    }

    private void observe(String connectorId, ConnectorConfig stored) {
        while (true) {
            AtomicReference<ConnectorConfig> ref = stored == null ? connectors.get(connectorId)
                    : connectors.computeIfAbsent(connectorId, id -> new AtomicReference<>());
            if (ref == null) {
                return;
            }
            synchronized (ref) {
                if (connectors.get(connectorId) != ref) {
                    continue;
                }
                ConnectorConfig current = ref.get();
                if (stored == null) {
                    if (!store.load(connectorId).isPresent()) { // re-checked under the lock: a provision may have won
                        ref.set(null);
                        connectors.remove(connectorId, ref);
                        if (current != null) {
                            events.publishEvent(new ConnectorChanged(connectorId, null));
                        }
                    }
                    return;
                }
                if (stored.equals(current) || (current != null && isOlder(stored, current))) {
                    return;
                }
                ref.set(stored);
                problems.remove(connectorId);
                events.publishEvent(new ConnectorChanged(connectorId, stored));
                return;
            }
        }
    }

    /** A read that raced a newer local change must not roll the reference back. */
    private static boolean isOlder(ConnectorConfig stored, ConnectorConfig current) {
        return stored.version() < current.version()
                || (stored.version() == current.version() && stored.updatedAt().isBefore(current.updatedAt()));
    }

    /** Sets aside the unreadable file of a connector that failed to load; false when there is no such problem. */
    public boolean discardBroken(String connectorId) {
        synchronized (problems) {
            if (!problems.containsKey(connectorId) || connectors.containsKey(connectorId)) {
                return false;
            }
            store.delete(connectorId);
            problems.remove(connectorId);
            return true;
        }
    }

    private Optional<ConnectorConfig> update(String connectorId, UnaryOperator<ConnectorConfig> change) {
        AtomicReference<ConnectorConfig> ref = connectors.get(connectorId);
        if (ref == null) {
            return Optional.empty();
        }
        synchronized (ref) {
            ConnectorConfig current;
            ConnectorConfig next;
            do {
                current = stored(connectorId, ref);
                if (current == null) {
                    return Optional.empty();
                }
                next = change.apply(current);
                if (next.paused() == current.paused()) {
                    return Optional.of(current);
                }
            } while (!store.replace(current, next));
            ref.set(next);
            events.publishEvent(new ConnectorChanged(connectorId, next));
            return Optional.of(next);
        }
    }
}
