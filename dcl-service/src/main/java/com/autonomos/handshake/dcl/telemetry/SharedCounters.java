package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster mode: a connector's counters as Redis keeps them (written in the same atomic step as the records they
 * count, see {@link Settlement#counters()}), so telemetry is the same from every worker and survives restarts.
 * Embedded mode has none and telemetry reads the local meters.
 */
public interface SharedCounters {

    String LINES = "lines";
    String DELIVERED = "delivered.";
    String DEAD_LETTERED = "dead_lettered.";
    String REPAIR_FAILED = "repair_failed.";
    String KEEP_ALIVE = "control.keep_alive";
    String CHAOS = "control.chaos";
    String DRIFT = "drift";
    String REPAIRED = "repaired";
    String VERIFIED = "verified";
    String VERIFY_REFUSED = "verify_refused";
    String VERIFY_ERROR = "verify_error";

    /** The connector's counters by name; empty when this mode keeps none (embedded). */
    Optional<Map<String, Long>> counters(String connectorId);

    /** Embedded mode: no shared counters, telemetry is the local meters. */
    SharedCounters NONE = connectorId -> Optional.empty();

    /**
     * The telemetry fields from stored counters. {@code lines_read} is what was settled plus what this worker holds
     * in flight (the owner's own reading); {@code tps} and {@code uptime_seconds} are the owner's local view.
     */
    static TelemetryCounts toCounts(Map<String, Long> c, long inFlight, double tps, long uptimeSeconds) {
        long delivered = 0;
        long good = c.getOrDefault(DELIVERED + "clean", 0L) + c.getOrDefault(DELIVERED + "repaired_verified", 0L);
        for (DeliveryKind kind : DeliveryKind.values()) {
            delivered += c.getOrDefault(DELIVERED + kind.tag(), 0L);
        }
        long dead = 0;
        long failed = 0;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            dead += c.getOrDefault(DEAD_LETTERED + reason.wireName(), 0L);
            failed += c.getOrDefault(REPAIR_FAILED + reason.wireName(), 0L);
        }
        long toxic = c.getOrDefault(DEAD_LETTERED + DeadLetterReason.MALFORMED.wireName(), 0L)
                + c.getOrDefault(DEAD_LETTERED + DeadLetterReason.NOT_AN_OBJECT.wireName(), 0L)
                + c.getOrDefault(DEAD_LETTERED + DeadLetterReason.TOO_LARGE.wireName(), 0L);
        long control = c.getOrDefault(KEEP_ALIVE, 0L) + c.getOrDefault(CHAOS, 0L);
        long received = delivered + dead + control;
        long processed = delivered + dead;
        long drift = c.getOrDefault(DRIFT, 0L);
        long repaired = c.getOrDefault(REPAIRED, 0L);
        return new TelemetryCounts(received + inFlight, inFlight, received, delivered, dead, control, processed, toxic,
                drift, repaired, failed, c.getOrDefault(VERIFIED, 0L),
                c.getOrDefault(VERIFY_REFUSED, 0L) + c.getOrDefault(VERIFY_ERROR, 0L), tps,
                processed == 0 ? 0 : ConnectorMeters.round(100.0 * good / processed),
                drift == 0 ? 0 : ConnectorMeters.round(100.0 * repaired / drift), uptimeSeconds);
    }
}
