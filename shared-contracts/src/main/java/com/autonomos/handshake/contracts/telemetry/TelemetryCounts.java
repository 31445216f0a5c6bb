package com.autonomos.handshake.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counters of one connector, or of all of them. Every line framed off a stream ends up in exactly one of
 * {@code delivered}, {@code dead_lettered} or {@code control}; until it does it is {@code in_flight}
 * (e.g. waiting for the source of truth). So, at every read:
 * {@code lines_read == lines_received + in_flight} and {@code lines_received == delivered + dead_lettered + control}.
 * Field meanings are documented in the README ("Telemetry").
 */
public record TelemetryCounts(
        @JsonProperty("lines_read") long linesRead,
        @JsonProperty("in_flight") long inFlight,
        @JsonProperty("lines_received") long linesReceived,
        @JsonProperty("delivered") long delivered,
        @JsonProperty("dead_lettered") long deadLettered,
        @JsonProperty("control") long control,
        @JsonProperty("total_processed") long totalProcessed,
        @JsonProperty("toxic_blocked") long toxicBlocked,
        @JsonProperty("drift_detected") long driftDetected,
        @JsonProperty("repaired_success") long repairedSuccess,
        @JsonProperty("repair_failed") long repairFailed,
        @JsonProperty("verified_count") long verifiedCount,
        @JsonProperty("verified_failed") long verifiedFailed,
        @JsonProperty("reconciled") long reconciled,
        @JsonProperty("tps") double tps,
        @JsonProperty("quality_score") double qualityScore,
        @JsonProperty("repair_rate") double repairRate,
        @JsonProperty("uptime_seconds") long uptimeSeconds) {

    /** Counters of a source where nothing was reconciled. */
    public TelemetryCounts(long linesRead, long inFlight, long linesReceived, long delivered, long deadLettered,
            long control, long totalProcessed, long toxicBlocked, long driftDetected, long repairedSuccess,
            long repairFailed, long verifiedCount, long verifiedFailed, double tps, double qualityScore,
            double repairRate, long uptimeSeconds) {
        this(linesRead, inFlight, linesReceived, delivered, deadLettered, control, totalProcessed, toxicBlocked,
                driftDetected, repairedSuccess, repairFailed, verifiedCount, verifiedFailed, 0, tps, qualityScore,
                repairRate, uptimeSeconds);
    }
}
