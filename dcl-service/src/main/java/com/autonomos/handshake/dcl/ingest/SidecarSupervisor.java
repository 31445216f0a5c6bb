package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.connector.ConnectorChanged;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorOwnership;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import com.autonomos.handshake.dcl.connector.OwnershipChanged;
import com.autonomos.handshake.dcl.connector.UnknownConnectorException;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.system.Ticker;
import com.autonomos.handshake.dcl.telemetry.IngestTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps one {@link Sidecar} per connector in line with the {@link ConnectorRegistry}: at start (so a restart resumes
 * what the data directory holds), at once on every {@link ConnectorChanged} (the provisioning nudge), and on a periodic
 * tick that re-reads every connector's reference (so a missed nudge heals). At shutdown it stops reading, lets what was
 * read settle for up to {@code dcl.ingest.shutdown-grace}, then dead-letters the repairs still pending.
 */
@Component
class SidecarSupervisor implements ConnectorRuntime, SmartLifecycle {

    private static final Duration ABANDON_GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SidecarSupervisor.class);

    private final ConnectorRegistry registry;
    private final StreamReader reader;
    private final IngestPipeline pipeline;
    private final IngestTelemetry telemetry;
    private final RecordSink sink;
    private final ConnectorOwnership ownership;
    private final IngestProperties properties;
    private final Clock clock;
    private final Map<String, Sidecar> sidecars = new ConcurrentHashMap<>();
    private volatile boolean running;
    private final Ticker ticker;
    private Ticker.Tick tick;

    SidecarSupervisor(ConnectorRegistry registry, StreamReader reader, IngestPipeline pipeline,
                      IngestTelemetry telemetry, RecordSink sink, ConnectorOwnership ownership,
                      IngestProperties properties, Clock clock, Ticker ticker) {
        this.ticker = ticker;
        this.ownership = ownership;
        this.registry = registry;
        this.reader = reader;
        this.pipeline = pipeline;
        this.telemetry = telemetry;
        this.sink = sink;
        this.properties = properties;
        this.clock = clock;
    }

    /** The nudge: runs synchronously in the provisioning request, and only starts asynchronous work. */
    @EventListener
    void onConnectorChanged(ConnectorChanged event) {
        if (running) {
            reconcile(event.connectorId(), event.current(), System.nanoTime());
        }
    }

    /** Cluster mode: this worker gained or lost a connector's lease. */
    @EventListener
    void onOwnershipChanged(OwnershipChanged event) {
        if (running) {
            reconcile(event.connectorId(), registry.find(event.connectorId()).orElse(null), 0);
        }
    }

    private synchronized void reconcile(String connectorId, ConnectorConfig current, long nudgedAtNanos) {
        if (current == null || !ownership.owns(connectorId)) {
            Sidecar removed = sidecars.remove(connectorId);
            if (removed != null) {
                // released off the draining thread, which may hold the old sidecar's lock
                removed.stop().publishOn(Schedulers.boundedElastic())
                        .subscribe(null, null, () -> release(connectorId));
                log.info("Sidecar stopped connector={} reason={}", connectorId, current == null ? "deleted" : "not_owner");
            }
            return;
        }
        sidecars.computeIfAbsent(connectorId, this::newSidecar).reconcile(current, nudgedAtNanos);
    }

    /** A deleted connector has settled all it read: its files, rings and meters go (unless it was created again). */
    private synchronized void release(String connectorId) {
        if (!sidecars.containsKey(connectorId) && registry.find(connectorId).isEmpty()) {
            sink.release(connectorId);
            telemetry.release(connectorId);
            log.info("Connector released connector={} (files closed, meters removed)", connectorId);
        }
    }

    private Sidecar newSidecar(String connectorId) {
        return new Sidecar(connectorId, reader, pipeline, () -> registry.find(connectorId),
                ownership.clustered() ? new Sidecar.Lease(ownership.workerId(), ownership.epoch(connectorId)) : null,
                telemetry.meters(connectorId), properties, clock);
    }

    /** Re-reads every connector's reference; heals a missed nudge and flushes rate-limited log summaries. */
    void tick() {
        Set<String> ids = new HashSet<>(sidecars.keySet());
        registry.all().forEach(c -> ids.add(c.connectorId()));
        for (String id : ids) {
            synchronized (this) {
                reconcile(id, registry.find(id).orElse(null), 0);
            }
        }
        sidecars.values().forEach(s -> s.logs().roll());
    }

    @Override
    public Optional<ConnectorRuntimeStatus> status(String connectorId) {
        Sidecar sidecar = sidecars.get(connectorId);
        return sidecar == null ? Optional.empty() : Optional.of(sidecar.status());
    }

    @Override
    public synchronized void restart(String connectorId) {
        ConnectorConfig config = registry.find(connectorId).orElseThrow(() -> new UnknownConnectorException(connectorId));
        if (!ownership.owns(connectorId)) {
            log.info("Sidecar restart skipped connector={} reason=not_owner", connectorId);
            return; // cluster mode: the owner reads it; this worker must not open the stream
        }
        sidecars.computeIfAbsent(connectorId, this::newSidecar).restart(config);
    }

    @Override
    public synchronized Mono<Void> stopReading(String connectorId) {
        Sidecar removed = sidecars.remove(connectorId);
        if (removed == null) {
            return Mono.empty();
        }
        log.info("Sidecar stopped connector={} reason=handover", connectorId);
        return removed.stop();
    }

    @Override
    public void start() {
        running = true;
        List<ConnectorConfig> resumed = registry.all();
        for (ConnectorConfig config : resumed) {
            reconcile(config.connectorId(), config, 0);
        }
        if (!resumed.isEmpty()) {
            log.info("Sidecars resumed connectors={}", resumed.stream().map(ConnectorConfig::connectorId).toList());
        }
        tick = ticker.every("sidecar-reconcile", properties.tick(), this::tick);
    }

    @Override
    public void stop() {
        running = false;
        if (tick != null) {
            tick.cancel();
        }
        List<Sidecar> all;
        List<Mono<Void>> drains;
        synchronized (this) {
            all = List.copyOf(sidecars.values());
            drains = all.stream().map(Sidecar::stop).toList();
        }
        if (all.isEmpty()) {
            return;
        }
        log.info("Sidecars stopping connectors={} grace={}", sidecars.keySet(), properties.shutdownGrace());
        if (!await(drains, properties.shutdownGrace())) {
            log.warn("Shutdown grace over: dead-lettering pending repairs as repair_unavailable");
            all.forEach(Sidecar::abandon);
            if (!await(drains, ABANDON_GRACE)) {
                log.error("Sidecars did not drain after abandoning their repairs");
            }
        }
        sidecars.clear();
    }

    private static boolean await(List<Mono<Void>> drains, Duration timeout) {
        try {
            Mono.when(drains).block(timeout);
            return true;
        } catch (IllegalStateException e) { // block() timed out
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhase.SIDECARS.phase();
    }
}
