package com.autonomos.handshake.farm.stream;

/**
 * Everything that determines a generated stream. Two streams with equal specs (and {@code wallClock} false) are
 * byte-identical.
 *
 * @param seed         the stream's seed: invoice ids, chaos decisions, timestamps and correlation ids derive from
 *                     seed and line index
 * @param limit        number of lines, or {@link #ENDLESS}
 * @param chaos        whether chaos is on ({@code _stream_meta.chaos_mode}); when off no chaos line is produced
 * @param chaosRate    fraction (0..1) of lines that are chaos when chaos is on
 * @param spikeSeconds stall after a latency spike control line; 0 disables spikes and their control lines
 * @param tags         whether damaged records carry {@code _chaos_injected} / {@code _drift_type}
 * @param lineEnding   line terminator
 * @param mismatchRate fraction (0..1) of clean records whose {@code total_amount} differs from the record of truth
 * @param wallClock    {@code sync_timestamp} from the wall clock instead of from seed and index
 * @param truth        how stream values relate to the record of truth ({@link Truth#ID}, the public Farm's way, by
 *                     default)
 */
public record StreamSpec(
        long seed,
        long limit,
        boolean chaos,
        double chaosRate,
        int spikeSeconds,
        boolean tags,
        LineEnding lineEnding,
        double mismatchRate,
        boolean wallClock,
        Truth truth) {

    public static final long ENDLESS = -1;
    public static final double DEFAULT_CHAOS_RATE = 0.1;
    public static final int DEFAULT_SPIKE_SECONDS = 5;

    public StreamSpec {
        if (limit < ENDLESS) {
            throw new IllegalArgumentException("limit must be >= 0 or ENDLESS, was " + limit);
        }
        if (!(chaosRate >= 0 && chaosRate <= 1)) {
            throw new IllegalArgumentException("chaosRate must be within [0, 1], was " + chaosRate);
        }
        if (spikeSeconds < 0) {
            throw new IllegalArgumentException("spikeSeconds must be >= 0, was " + spikeSeconds);
        }
        if (!(mismatchRate >= 0 && mismatchRate <= 1)) {
            throw new IllegalArgumentException("mismatchRate must be within [0, 1], was " + mismatchRate);
        }
        if (lineEnding == null) {
            throw new IllegalArgumentException("lineEnding is required");
        }
        if (truth == null) {
            throw new IllegalArgumentException("truth is required");
        }
    }

    /**
     * The HTTP endpoint's defaults: endless, chaos off (rate 0.1 once on), 5 s spikes, tags, LF, no mismatches, truth
     * from the invoice id (the public Farm's way).
     */
    public static StreamSpec of(long seed) {
        return new StreamSpec(seed, ENDLESS, false, DEFAULT_CHAOS_RATE, DEFAULT_SPIKE_SECONDS, true, LineEnding.LF, 0,
                false, Truth.ID);
    }

    public StreamSpec withTruth(Truth mode) {
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, tags, lineEnding, mismatchRate, wallClock,
                mode);
    }

    /** Whether stream values are independent of the record of truth (the public Farm's way). */
    public boolean faithful() {
        return truth == Truth.ID;
    }

    public StreamSpec withLimit(long lines) {
        return new StreamSpec(seed, lines, chaos, chaosRate, spikeSeconds, tags, lineEnding, mismatchRate, wallClock, truth);
    }

    /** Chaos on at {@code rate}. */
    public StreamSpec withChaos(double rate) {
        return new StreamSpec(seed, limit, true, rate, spikeSeconds, tags, lineEnding, mismatchRate, wallClock, truth);
    }

    public StreamSpec withSpikeSeconds(int seconds) {
        return new StreamSpec(seed, limit, chaos, chaosRate, seconds, tags, lineEnding, mismatchRate, wallClock, truth);
    }

    public StreamSpec withTags(boolean on) {
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, on, lineEnding, mismatchRate, wallClock, truth);
    }

    public StreamSpec withLineEnding(LineEnding ending) {
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, tags, ending, mismatchRate, wallClock, truth);
    }

    public StreamSpec withMismatchRate(double rate) {
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, tags, lineEnding, rate, wallClock, truth);
    }

    public StreamSpec withWallClock(boolean on) {
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, tags, lineEnding, mismatchRate, on, truth);
    }

    /** The share of lines that are chaos: the rate when chaos is on, else 0. */
    public double effectiveChaosRate() {
        return chaos ? chaosRate : 0;
    }

    public boolean endless() {
        return limit == ENDLESS;
    }
}
