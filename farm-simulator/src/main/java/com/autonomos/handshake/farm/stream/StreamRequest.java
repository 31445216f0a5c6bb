package com.autonomos.handshake.farm.stream;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The stream endpoint's query, validated: how fast, and which lines. */
record StreamRequest(Speed speed, StreamSpec spec) {

    static final long MAX_MANIFEST_LINES = 100_000;
    private static final int MAX_SPIKE_SECONDS = 3600;

    /** The stream (and sample) query; without a seed, a random one and wall-clock timestamps. */
    static StreamRequest parse(Map<String, String> query) {
        QueryParameters params = new QueryParameters(query);
        boolean seeded = params.has("seed");
        long seed = seeded ? params.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong();
        long limit = params.integer("limit", StreamSpec.ENDLESS, 0, Long.MAX_VALUE);
        return new StreamRequest(params.choice("speed", Speed.class, Speed.NORMAL),
                spec(params, seed, limit).withWallClock(!seeded));
    }

    /** The manifest query: seed and limit are required, the limit capped. */
    static StreamSpec parseManifest(Map<String, String> query) {
        QueryParameters params = new QueryParameters(query);
        long seed = params.required("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long limit = params.required("limit", 0, MAX_MANIFEST_LINES);
        return spec(params, seed, limit);
    }

    private static StreamSpec spec(QueryParameters params, long seed, long limit) {
        boolean chaos = params.bool("chaos", false);
        double chaosRate = params.fraction("chaos_rate", StreamSpec.DEFAULT_CHAOS_RATE);
        int spikeSeconds = (int) params.integer("spike_seconds", StreamSpec.DEFAULT_SPIKE_SECONDS, 0,
                MAX_SPIKE_SECONDS);
        boolean tags = params.bool("tags", true);
        LineEnding lineEnding = params.choice("line_ending", LineEnding.class, LineEnding.LF);
        double mismatchRate = params.fraction("mismatch_rate", 0);
        Truth truth = params.choice("truth", Truth.class, Truth.ID);
        return new StreamSpec(seed, limit, chaos, chaosRate, spikeSeconds, tags, lineEnding, mismatchRate, false,
                truth);
    }
}
