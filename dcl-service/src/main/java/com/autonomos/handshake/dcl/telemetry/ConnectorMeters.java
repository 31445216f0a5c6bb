package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One connector's Micrometer meters (tag {@code connector}), updated and read under one lock so that every snapshot
 * satisfies {@code lines_read == lines_received + in_flight} and
 * {@code lines_received == delivered + dead_lettered + control} exactly. Field definitions: {@link IngestTelemetry}.
 */
public final class ConnectorMeters {

    /** Samples of settled lines, one per telemetry tick, for {@code tps} over the last 10 s. */
    private static final int RATE_SAMPLES = 11;

    private final Object lock = new Object();
    /** Held while a batch is written to the sink and counted, and while an audit compares the two. */
    private final Object settleLock = new Object();
    private final Counter linesRead;
    private final Counter[] delivered = new Counter[DeliveryKind.values().length];
    private final Counter[] deadLetters = new Counter[DeadLetterReason.values().length];
    private final Counter keepAlives;
    private final Counter chaosControls;
    private final Counter drift;
    private final Counter repairSuccess;
    private final Counter[] repairFailures = new Counter[DeadLetterReason.values().length];
    private final Counter verified;
    private final Counter verifyRefused;
    private final Counter verifyErrors;
    private final Counter reconciled;
    private final Counter switches;
    private final Counter reconnects;
    private final Timer switchLatency;
    private final Timer repairLatency;

    private final long[] sampleSettled = new long[RATE_SAMPLES];
    private final long[] sampleNanos = new long[RATE_SAMPLES];
    private int samples;
    private volatile Instant startedAt;

    ConnectorMeters(String connectorId, MeterRegistry registry, Instant now) {
        this.startedAt = now;
        linesRead = counter(registry, "dcl.lines.read", connectorId, "Lines framed off the stream");
        for (DeliveryKind kind : DeliveryKind.values()) {
            delivered[kind.ordinal()] = Counter.builder("dcl.records.delivered").tag("connector", connectorId)
                    .tag("kind", kind.tag()).description("Records handed to the sink").register(registry);
        }
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters[reason.ordinal()] = Counter.builder("dcl.dead.letters").tag("connector", connectorId)
                    .tag("reason", reason.wireName()).description("Lines dead-lettered").register(registry);
            repairFailures[reason.ordinal()] = Counter.builder("dcl.repairs").tag("connector", connectorId)
                    .tag("outcome", reason.wireName()).description("Repairs by outcome").register(registry);
        }
        keepAlives = Counter.builder("dcl.control.lines").tag("connector", connectorId).tag("kind", "keep_alive")
                .description("Control lines (not data)").register(registry);
        chaosControls = Counter.builder("dcl.control.lines").tag("connector", connectorId).tag("kind", "chaos")
                .description("Control lines (not data)").register(registry);
        drift = counter(registry, "dcl.drift.detected", connectorId, "Records with at least one drift item");
        repairSuccess = Counter.builder("dcl.repairs").tag("connector", connectorId).tag("outcome", "success")
                .description("Repairs by outcome").register(registry);
        verified = verification(registry, connectorId, "verified");
        verifyRefused = verification(registry, connectorId, "failed");
        verifyErrors = verification(registry, connectorId, "error");
        reconciled = counter(registry, "dcl.records.reconciled", connectorId,
                "Repaired records whose disputed fields were taken from the record of truth and verified again");
        switches = counter(registry, "dcl.connector.switches", connectorId, "Switches of a running connector to a new config version");
        reconnects = counter(registry, "dcl.stream.reconnects", connectorId, "Stream reconnect attempts");
        switchLatency = Timer.builder("dcl.connector.switch.latency").tag("connector", connectorId)
                .description("From the provisioning nudge to the first settled line of the new version")
                .publishPercentiles(0.5, 0.99).register(registry);
        repairLatency = Timer.builder("dcl.repair.latency").tag("connector", connectorId)
                .description("What repairing adds to a drifted record: record-of-truth lookup, patch and verification")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("dcl.records.in.flight", this, ConnectorMeters::inFlight).tag("connector", connectorId)
                .description("Lines read and not yet settled").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String connectorId, String description) {
        return Counter.builder(name).tag("connector", connectorId).description(description).register(registry);
    }

    private static Counter verification(MeterRegistry registry, String connectorId, String result) {
        return Counter.builder("dcl.verifications").tag("connector", connectorId).tag("result", result)
                .description("Farm verification of repaired records").register(registry);
    }

    /** Lines framed off the stream; each must later be settled exactly once. */
    public void linesRead(int count) {
        if (count == 0) {
            return;
        }
        synchronized (lock) {
            linesRead.increment(count);
        }
    }

    /**
     * Writes a batch to the sink and counts what {@code write} says was settled, as one step that an audit never sees
     * half done.
     */
    public Settlement settle(Supplier<Settlement> write) {
        synchronized (settleLock) {
            Settlement s = write.get();
            settle(s);
            return s;
        }
    }

    /** Runs {@code audit} while no batch is being written or counted, so counters and stores can be compared. */
    public <T> T quiesced(Supplier<T> audit) {
        synchronized (settleLock) {
            return audit.get();
        }
    }

    public void settle(Settlement s) {
        synchronized (lock) {
            for (int i = 0; i < delivered.length; i++) {
                add(delivered[i], s.delivered[i]);
            }
            for (int i = 0; i < deadLetters.length; i++) {
                add(deadLetters[i], s.deadLettered[i]);
                add(repairFailures[i], s.repairFailures[i]);
            }
            add(keepAlives, s.keepAlives);
            add(chaosControls, s.chaosControls);
            add(drift, s.drift);
            add(repairSuccess, s.repairSuccess);
            add(verified, s.verified);
            add(verifyRefused, s.verifyRefused);
            add(verifyErrors, s.verifyErrors);
            add(reconciled, s.reconciled);
        }
    }

    private static void add(Counter counter, int n) {
        if (n != 0) {
            counter.increment(n);
        }
    }

    public void switched() {
        switches.increment();
    }

    public void switchLatency(Duration latency) {
        switchLatency.record(latency);
    }

    public void repairLatency(Duration latency) {
        repairLatency.record(latency);
    }

    public void reconnected() {
        reconnects.increment();
    }

    /** The connector's sidecar (re)started: {@code uptime_seconds} counts from here. */
    public void started(Instant now) {
        startedAt = now;
    }

    public long inFlight() {
        synchronized (lock) {
            return (long) linesRead.count() - settled();
        }
    }

    private long settled() {
        long n = (long) keepAlives.count() + (long) chaosControls.count();
        for (Counter c : delivered) {
            n += (long) c.count();
        }
        for (Counter c : deadLetters) {
            n += (long) c.count();
        }
        return n;
    }

    /** Called once per telemetry tick: remembers how many lines were settled by now, for {@code tps}. */
    void sampleRate(long nanoTime) {
        synchronized (lock) {
            int slot = samples % RATE_SAMPLES;
            sampleSettled[slot] = settled();
            sampleNanos[slot] = nanoTime;
            samples++;
        }
    }

    /** Lines settled per second over (up to) the last 10 s. */
    private double tps(long settledNow, long nanoTime) {
        if (samples == 0) {
            return 0;
        }
        int oldest = samples < RATE_SAMPLES ? 0 : samples % RATE_SAMPLES;
        double seconds = (nanoTime - sampleNanos[oldest]) / 1e9;
        return seconds < 0.5 ? 0 : (settledNow - sampleSettled[oldest]) / seconds;
    }

    public TelemetryCounts snapshot(Instant now, long nanoTime) {
        return reading(now, nanoTime).counts();
    }

    /** A consistent reading plus the numerator of {@code quality_score} (clean + repaired-and-verified delivered). */
    record Reading(TelemetryCounts counts, long goodDelivered) {
    }

    Reading reading(Instant now, long nanoTime) {
        synchronized (lock) {
            long read = (long) linesRead.count();
            long deliveredAll = 0;
            for (Counter c : delivered) {
                deliveredAll += (long) c.count();
            }
            long dead = 0;
            for (Counter c : deadLetters) {
                dead += (long) c.count();
            }
            long toxic = (long) deadLetters[DeadLetterReason.MALFORMED.ordinal()].count()
                    + (long) deadLetters[DeadLetterReason.EMPTY_LINE.ordinal()].count()
                    + (long) deadLetters[DeadLetterReason.NOT_AN_OBJECT.ordinal()].count()
                    + (long) deadLetters[DeadLetterReason.TOO_LARGE.ordinal()].count();
            long control = (long) keepAlives.count() + (long) chaosControls.count();
            long received = deliveredAll + dead + control;
            long failed = 0;
            for (Counter c : repairFailures) {
                failed += (long) c.count();
            }
            long good = (long) delivered[DeliveryKind.CLEAN.ordinal()].count()
                    + (long) delivered[DeliveryKind.REPAIRED_VERIFIED.ordinal()].count();
            long driftCount = (long) drift.count();
            long repaired = (long) repairSuccess.count();
            long processed = deliveredAll + dead;
            return new Reading(new TelemetryCounts(read, read - received, received, deliveredAll, dead, control, processed, toxic,
                    driftCount, repaired, failed, (long) verified.count(),
                    (long) verifyRefused.count() + (long) verifyErrors.count(), (long) reconciled.count(),
                    round(tps(received, nanoTime)),
                    processed == 0 ? 0 : round(100.0 * good / processed),
                    driftCount == 0 ? 0 : round(100.0 * repaired / driftCount),
                    Math.max(0, Duration.between(startedAt, now).toSeconds())), good);
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
