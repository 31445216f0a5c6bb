package com.autonomos.handshake.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-provisions one running DCL connector {@code n} times, alternating between two simulator URLs (each switch with
 * a seed of its own), and measures two latencies: from each provisioning response to the first record of the new
 * version visible in DCL's records API (polled every 0.5 ms on a kept-alive connection), and from the provisioning
 * request to the moment the simulator sent the new stream's first line (its {@code /opened} report, same machine
 * and clock), which no timer of DCL's own can flatter. Then pauses the connector, waits until everything read is settled, and audits
 * its {@code records.ndjson}: per version contiguous from record 1, no duplicate, and every record from that
 * version's URL ({@link RecordsAudit}); and telemetry: read = settled, records in the file = delivered.
 *
 * <p>Usage: {@code SwitchProbe <dcl-base-url> <token> <connector-id> <data-dir> <switches> <settle-ms> <url-a> <url-b>}
 * (the token is read from the environment variable named by {@code <token>} when it starts with {@code env:}).
 * Prints {@code key=value} lines.
 */
public final class SwitchProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SEED = Pattern.compile("seed=\\d+");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SwitchProbe() {
    }

    public static void main(String[] args) throws Exception {
        String dcl = args[0];
        String token = args[1].startsWith("env:") ? System.getenv(args[1].substring(4)) : args[1];
        String id = args[2];
        Path dataDir = Path.of(args[3]);
        int switches = Integer.parseInt(args[4]);
        long settleMillis = Long.parseLong(args[5]);
        String[] urls = {args[6], args[7]};

        Map<Long, String> sources = new LinkedHashMap<>();
        long version = provision(dcl, token, id, urls[0]);
        sources.put(version, query(urls[0]));
        awaitVersion(dcl, id, version, Duration.ofSeconds(30));

        List<Double> millis = new ArrayList<>();
        Map<Long, Instant> requestedAt = new LinkedHashMap<>(); // by the seed of the switch's stream
        long missed = 0;
        for (int i = 1; i <= switches; i++) {
            TimeUnit.MILLISECONDS.sleep(settleMillis);
            long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            String url = SEED.matcher(urls[i % 2]).replaceFirst("seed=" + seed);
            requestedAt.put(seed, Instant.now());
            long requested = System.nanoTime();
            version = provision(dcl, token, id, url);
            long answered = System.nanoTime();
            sources.put(version, query(url));
            long seen = awaitVersion(dcl, id, version, Duration.ofSeconds(10));
            if (seen < 0) {
                missed++;
            } else {
                millis.add((seen - answered) / 1e6);
            }
            if (i == 1) {
                System.out.println("first_provision_round_trip_ms=" + String.format("%.1f", (answered - requested) / 1e6));
            }
        }
        TimeUnit.MILLISECONDS.sleep(settleMillis);
        post(dcl + "/api/connectors/" + id + "/pause", token, "");
        JsonNode counts = awaitSettled(dcl, id, Duration.ofSeconds(60));
        TimeUnit.MILLISECONDS.sleep(1500); // the sink flushes every 200 ms

        Collections.sort(millis);
        System.out.println("switches=" + switches + " missed=" + missed);
        printPercentiles("client_ms", millis);
        printPercentiles("first_byte_ms", firstByteMillis(urls[0], requestedAt));
        RecordsAudit.Result audit = RecordsAudit.audit(dataDir.resolve(id).resolve("records.ndjson"), true, sources);
        long delivered = counts.path("delivered").asLong();
        long lost = counts.path("lines_read").asLong() - counts.path("lines_received").asLong();
        System.out.println("audit " + audit.describe());
        System.out.println("telemetry lines_read=" + counts.path("lines_read").asLong() + " lines_received="
                + counts.path("lines_received").asLong() + " delivered=" + delivered + " dead_lettered="
                + counts.path("dead_lettered").asLong() + " in_flight=" + counts.path("in_flight").asLong());
        boolean proven = audit.clean() && lost == 0 && audit.records() == delivered && audit.versions() == switches + 1;
        System.out.println("zero_lost_or_duplicated=" + proven + " versions_with_records=" + audit.versions()
                + " file_records=" + audit.records() + " unsettled=" + lost);
    }

    private static void printPercentiles(String name, List<Double> sorted) {
        System.out.println(String.format("%s p50=%.1f p99=%.1f max=%.1f", name, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1)));
    }

    /** Provisioning request to the new stream's first line leaving the simulator, per switch, sorted. */
    private static List<Double> firstByteMillis(String streamUrl, Map<Long, Instant> requestedAt) throws Exception {
        String opened = streamUrl.substring(0, streamUrl.indexOf('?')) + "/opened";
        JsonNode firstByte = get(opened).path("first_byte_at");
        List<Double> out = new ArrayList<>();
        requestedAt.forEach((seed, at) -> {
            JsonNode sent = firstByte.get(Long.toString(seed));
            if (sent != null) {
                out.add(Duration.between(at, Instant.parse(sent.asString())).toNanos() / 1e6);
            }
        });
        Collections.sort(out);
        return out;
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String query(String url) {
        return URI.create(url).getRawQuery();
    }

    private static long provision(String dcl, String token, String id, String url) throws Exception {
        String body = JSON.writeValueAsString(Map.of("connector_id", id, "source_type", "mulesoft_stream",
                "target_url", url, "policy", Map.of("repair_enabled", true)));
        JsonNode answer = JSON.readTree(post(dcl + "/api/ingest/provision", token, body));
        if (!answer.path("status").asString("").equals("provisioned")) {
            throw new IllegalStateException("provisioning refused: " + answer);
        }
        return answer.path("version").asLong();
    }

    private static String post(String url, String token, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + url + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    /** When the newest delivered record first carried {@code version} (nanoTime), or -1 after the timeout. */
    private static long awaitVersion(String dcl, String id, long version, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = dcl + "/api/connectors/" + id + "/records?limit=1";
        while (System.nanoTime() < deadline) {
            JsonNode newest = get(url);
            if (newest.size() > 0 && newest.get(0).path("meta").path("config_version").asLong() >= version) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(500_000);
        }
        return -1;
    }

    private static JsonNode awaitSettled(String dcl, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode counts = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode c : get(dcl + "/api/ingest/telemetry").path("connectors")) {
                if (c.path("connector_id").asString("").equals(id)) {
                    counts = c;
                }
            }
            if (counts != null && counts.path("in_flight").asLong() == 0) {
                return counts;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("connector " + id + " did not settle: " + counts);
    }
}
