package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The ingest meters of every connector this process runs. A deleted connector's meters are removed (its series
 * leave {@code /actuator/prometheus}); {@code totals} keep counting what it did for the process lifetime, and a
 * connector created again under the same id starts from zero.
 *
 * <p>Telemetry fields ({@code GET /api/ingest/telemetry}, per connector and in {@code totals}):
 * <ul>
 * <li>{@code lines_read}: lines framed off the stream (data, empty lines and control lines).</li>
 * <li>{@code in_flight}: lines read and not yet settled (queued, parsing, waiting for the source of truth).</li>
 * <li>{@code lines_received}: lines settled, {@code = delivered + dead_lettered + control}; and
 *     {@code lines_read = lines_received + in_flight}. Both hold exactly at every read.</li>
 * <li>{@code delivered}: records handed to the sink (clean, repaired, or drifted with repair disabled).</li>
 * <li>{@code dead_lettered}: lines dead-lettered, any reason.</li>
 * <li>{@code control}: {@code _chaos} control lines (e.g. latency spike announcements), and empty lines of a connector
 *     whose policy says {@code empty_lines: skip}.</li>
 * <li>{@code total_processed}: data lines settled, {@code = delivered + dead_lettered}.</li>
 * <li>{@code toxic_blocked}: dead letters {@code malformed + empty_line + not_an_object + too_large}.</li>
 * <li>{@code drift_detected}: settled records with at least one drift item.</li>
 * <li>{@code repaired_success}: drifted records repaired from the record of truth and delivered;
 *     {@code repair_failed}: drifted records whose repair ended in a dead letter
 *     ({@code unrepairable}, {@code repair_unavailable}, {@code verify_failed}).</li>
 * <li>{@code verified_count}: repaired records the Farm verified; {@code verified_failed}: repaired records it refused
 *     or could not be asked about (errors count as failed, never as verified).</li>
 * <li>{@code reconciled}: repaired records whose disputed fields were taken from the record of truth
 *     ({@code policy.reconcile}); their verdict is the second verification's.</li>
 * <li>{@code tps}: lines settled per second over the last 10 s.</li>
 * <li>{@code quality_score}: {@code 100 × (clean delivered + repaired-and-verified delivered) / total_processed};
 *     0 while nothing has been processed.</li>
 * <li>{@code repair_rate}: {@code 100 × repaired_success / drift_detected}; 0 while no drift was seen.</li>
 * <li>{@code uptime_seconds}: since the connector's sidecar started; in totals, since the service started.</li>
 * </ul>
 * Ratios are rounded to two decimals.
 */
@Component
public class IngestTelemetry {

    private final Map<String, ConnectorMeters> meters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant serviceStarted;
    /** What deleted connectors counted, folded into one reading (guarded by this). */
    private ConnectorMeters.Reading retired;
    private final SharedCounters shared;

    public IngestTelemetry(MeterRegistry registry, Clock clock, SharedCounters shared) {
        this.shared = shared;
        this.registry = registry;
        this.clock = clock;
        this.serviceStarted = clock.instant();
    }

    public ConnectorMeters meters(String connectorId) {
        return meters.computeIfAbsent(connectorId, id -> new ConnectorMeters(id, registry, clock.instant()));
    }

    /** Samples every connector's settled count; called once per telemetry tick by {@link RateSampling}. */
    void sampleRates() {
        long now = System.nanoTime();
        meters.values().forEach(m -> m.sampleRate(now));
    }

    /** Cluster mode: the counters in Redis (the same from every worker) plus this worker's in-flight lines and rate. */
    public TelemetryCounts counts(String connectorId) {
        TelemetryCounts local = meters(connectorId).snapshot(clock.instant(), System.nanoTime());
        return shared.counters(connectorId)
                .map(c -> SharedCounters.toCounts(c, local.inFlight(), local.tps(), local.uptimeSeconds()))
                .orElse(local);
    }

    /**
     * Removes a deleted connector's meters (its Prometheus series disappear with it); its counts stay in
     * {@code totals}. Called once everything it read is settled.
     */
    public void release(String connectorId) {
        ConnectorMeters gone = meters.remove(connectorId);
        if (gone == null) {
            return;
        }
        ConnectorMeters.Reading last = gone.reading(clock.instant(), System.nanoTime());
        synchronized (this) {
            retired = retired == null ? last : sum(List.of(retired, last), 0);
        }
        List<Meter> owned = registry.getMeters().stream()
                .filter(m -> connectorId.equals(m.getId().getTag("connector"))).toList();
        owned.forEach(registry::remove);
    }

    /**
     * Embedded mode: the sum over every connector this process has run (including deleted ones). Cluster mode: the
     * sum of the Redis counters of the cluster's connectors.
     */
    TelemetryCounts totals(List<String> connectorIds) {
        if (shared == SharedCounters.NONE) {
            return totals();
        }
        Map<String, Long> sum = new java.util.HashMap<>();
        long inFlight = 0;
        double tps = 0;
        for (String id : connectorIds) {
            shared.counters(id).ifPresent(c -> c.forEach((name, n) -> sum.merge(name, n, Long::sum)));
            ConnectorMeters m = meters.get(id);
            if (m != null) {
                TelemetryCounts local = m.snapshot(clock.instant(), System.nanoTime());
                inFlight += local.inFlight();
                tps += local.tps();
            }
        }
        return SharedCounters.toCounts(sum, inFlight, ConnectorMeters.round(tps),
                Math.max(0, Duration.between(serviceStarted, clock.instant()).toSeconds()));
    }

    private TelemetryCounts totals() {
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        List<ConnectorMeters.Reading> all = new ArrayList<>();
        meters.values().forEach(m -> all.add(m.reading(now, nanos)));
        synchronized (this) {
            if (retired != null) {
                all.add(retired);
            }
        }
        return sum(all, Math.max(0, Duration.between(serviceStarted, now).toSeconds())).counts();
    }

    private static ConnectorMeters.Reading sum(List<ConnectorMeters.Reading> all, long uptimeSeconds) {
        long read = 0, inFlight = 0, received = 0, delivered = 0, dead = 0, control = 0, processed = 0, toxic = 0;
        long drift = 0, repaired = 0, failed = 0, verified = 0, verifyFailed = 0, reconciled = 0;
        long good = 0;
        double tps = 0;
        for (ConnectorMeters.Reading r : all) {
            TelemetryCounts c = r.counts();
            good += r.goodDelivered();
            read += c.linesRead();
            inFlight += c.inFlight();
            received += c.linesReceived();
            delivered += c.delivered();
            dead += c.deadLettered();
            control += c.control();
            processed += c.totalProcessed();
            toxic += c.toxicBlocked();
            drift += c.driftDetected();
            repaired += c.repairedSuccess();
            failed += c.repairFailed();
            verified += c.verifiedCount();
            verifyFailed += c.verifiedFailed();
            reconciled += c.reconciled();
            tps += c.tps();
        }
        return new ConnectorMeters.Reading(new TelemetryCounts(read, inFlight, received, delivered, dead, control,
                processed, toxic, drift, repaired, failed, verified, verifyFailed, reconciled, ConnectorMeters.round(tps),
                processed == 0 ? 0 : ConnectorMeters.round(100.0 * good / processed),
                drift == 0 ? 0 : ConnectorMeters.round(100.0 * repaired / drift),
                uptimeSeconds), good);
    }
}
