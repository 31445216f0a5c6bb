package com.autonomos.handshake.bench;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact bytes the simulator serves for a stream query, generated in-process with {@link FarmStream} (the HTTP
 * endpoint writes the same generator's output). Only the query parameters the harness uses are understood:
 * {@code seed, limit, chaos, chaos_rate, spike_seconds, truth}; the rest keep the endpoint's defaults.
 */
public final class Corpus {

    private Corpus() {
    }

    /**
     * The spec the endpoint builds for a seeded query such as {@code seed=1&limit=20000&chaos=true&spike_seconds=0};
     * without {@code limit}, endless.
     */
    public static StreamSpec spec(String query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        if (!q.containsKey("seed")) {
            throw new IllegalArgumentException("a reproducible stream needs a seed: " + query);
        }
        StreamSpec spec = StreamSpec.of(Long.parseLong(q.get("seed")))
                .withTruth(Truth.valueOf(q.getOrDefault("truth", "id").toUpperCase(java.util.Locale.ROOT)))
                .withLimit(q.containsKey("limit") ? Long.parseLong(q.get("limit")) : StreamSpec.ENDLESS)
                .withSpikeSeconds(Integer.parseInt(q.getOrDefault("spike_seconds",
                        Integer.toString(StreamSpec.DEFAULT_SPIKE_SECONDS))));
        return Boolean.parseBoolean(q.getOrDefault("chaos", "false"))
                ? spec.withChaos(Double.parseDouble(q.getOrDefault("chaos_rate",
                        Double.toString(StreamSpec.DEFAULT_CHAOS_RATE))))
                : spec;
    }

    /** The whole stream, as served (each line with its line ending). */
    public static byte[] bytes(String query) {
        return new FarmStream(spec(query)).toBytes();
    }

    /** The stream's lines without their line endings. */
    public static byte[][] lines(String query) {
        byte[] all = bytes(query);
        int wireLines = 0; // an empty-line chaos entry puts up to three lines on the wire
        for (byte b : all) {
            wireLines += b == '\n' ? 1 : 0;
        }
        byte[][] out = new byte[wireLines][];
        int n = 0;
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                out[n++] = Arrays.copyOfRange(all, start, i > start && all[i - 1] == '\r' ? i - 1 : i);
                start = i + 1;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** {@code size} lines joined into chunks of {@code perChunk} whole lines each (every chunk ends in a newline). */
    public static byte[][] chunks(byte[][] lines, int perChunk) {
        byte[][] out = new byte[lines.length / perChunk][];
        for (int c = 0; c < out.length; c++) {
            int size = 0;
            for (int i = 0; i < perChunk; i++) {
                size += lines[c * perChunk + i].length + 1;
            }
            byte[] chunk = new byte[size];
            int at = 0;
            for (int i = 0; i < perChunk; i++) {
                byte[] line = lines[c * perChunk + i];
                System.arraycopy(line, 0, chunk, at, line.length);
                at += line.length;
                chunk[at++] = '\n';
            }
            out[c] = chunk;
        }
        return out;
    }
}
