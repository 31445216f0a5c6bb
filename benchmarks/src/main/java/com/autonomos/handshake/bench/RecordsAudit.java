package com.autonomos.handshake.bench;

import com.autonomos.handshake.farm.stream.FarmStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a connector's {@code records.ndjson} and checks, per config version, the stream positions of the delivered
 * records ({@code payload._stream_meta.record_number}): strictly increasing (stream order kept, no duplicate), and with
 * {@code gapFree} also contiguous from 1 (nothing lost from the start of the version's stream to its last record).
 * With sources (version → stream query) every record's {@code invoice_id} is compared with the line the simulator
 * serves at that position, which proves no record of another URL was delivered under that version.
 *
 * <p>Usage: {@code RecordsAudit <records.ndjson> [--gap-free]} prints one {@code key=value} line per finding.
 */
public final class RecordsAudit {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the audit found; {@code clean()} when nothing is wrong. */
    public record Result(long records, int versions, long firstNotOne, long gaps, long duplicates, long outOfOrder,
            long foreign, long unnumbered, Map<Long, Long> perVersion) {

        public boolean clean() {
            return firstNotOne == 0 && gaps == 0 && duplicates == 0 && outOfOrder == 0 && foreign == 0
                    && unnumbered == 0;
        }

        public String describe() {
            return "records=" + records + " versions=" + versions + " first_not_1=" + firstNotOne + " gaps=" + gaps
                    + " duplicates=" + duplicates + " out_of_order=" + outOfOrder + " foreign=" + foreign
                    + " unnumbered=" + unnumbered;
        }
    }

    private RecordsAudit() {
    }

    public static Result audit(Path file, boolean gapFree, Map<Long, String> sources) throws IOException {
        Map<Long, Long> last = new LinkedHashMap<>();
        Map<Long, Long> count = new LinkedHashMap<>();
        Map<Long, FarmStream> streams = new LinkedHashMap<>();
        long records = 0;
        long firstNotOne = 0;
        long gaps = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long foreign = 0;
        long unnumbered = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                records++;
                JsonNode envelope = JSON.readTree(line);
                long version = envelope.path("meta").path("config_version").asLong();
                JsonNode number = envelope.path("payload").path("_stream_meta").path("record_number");
                if (!number.isNumber()) {
                    unnumbered++;
                    continue;
                }
                long n = number.asLong();
                count.merge(version, 1L, Long::sum);
                Long previous = last.put(version, n);
                if (previous == null) {
                    if (gapFree && n != 1) {
                        firstNotOne++;
                    }
                } else if (n == previous) {
                    duplicates++;
                } else if (n < previous) {
                    outOfOrder++;
                } else if (gapFree && n != previous + 1) {
                    gaps++;
                }
                String query = sources.get(version);
                if (query != null) {
                    FarmStream stream = streams.computeIfAbsent(version, v -> new FarmStream(Corpus.spec(query)));
                    String expected = stream.line(n - 1).invoiceId();
                    if (!envelope.path("payload").path("invoice_id").asString("").equals(expected)) {
                        foreign++;
                    }
                }
            }
        }
        return new Result(records, count.size(), firstNotOne, gaps, duplicates, outOfOrder, foreign, unnumbered,
                count);
    }

    public static void main(String[] args) throws IOException {
        boolean gapFree = args.length > 1 && args[1].equals("--gap-free");
        Result result = audit(Path.of(args[0]), gapFree, Map.of());
        System.out.println(result.describe());
    }
}
