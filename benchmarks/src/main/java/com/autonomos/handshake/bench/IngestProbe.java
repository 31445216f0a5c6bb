package com.autonomos.handshake.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provisions a DCL connector on a finite stream and measures its rate from the first to the last settled line, polling
 * {@code /api/ingest/telemetry} every 50 ms: {@code (lines settled after the first poll that saw any) / (time between
 * that poll and the one that saw all)}. The stream must end by itself ({@code limit}, with DCL's reconnect-on-end
 * off) and {@code lines} is its line count.
 *
 * <p>Usage: {@code IngestProbe <dcl-base-url> <token> <connector-id> <target-url> <lines> <repair:true|false>
 * [source-of-truth-origin]}.
 * Prints {@code key=value} lines; the last is the connector's telemetry as JSON.
 */
public final class IngestProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private IngestProbe() {
    }

    public static void main(String[] args) throws Exception {
        String dcl = args[0];
        String token = args[1].startsWith("env:") ? System.getenv(args[1].substring(4)) : args[1];
        String id = args[2];
        String url = args[3];
        long lines = Long.parseLong(args[4]);
        boolean repair = Boolean.parseBoolean(args[5]);
        // optional: another Farm for the record of truth and verification (e.g. one that answers 50 ms late)
        String sourceOfTruth = args.length > 6 && !args[6].isEmpty() ? args[6] : null;

        Map<String, Object> policy = sourceOfTruth == null ? Map.of("repair_enabled", repair)
                : Map.of("repair_enabled", repair, "source_of_truth_url", sourceOfTruth);
        String body = JSON.writeValueAsString(Map.of("connector_id", id, "source_type", "mulesoft_stream",
                "target_url", url, "policy", policy));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(dcl + "/api/ingest/provision"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("provisioning refused: HTTP " + answer.statusCode() + " " + answer.body());
        }
        long provisioned = System.nanoTime();

        long firstAt = -1;
        long firstCount = 0;
        long deadline = provisioned + Duration.ofMinutes(15).toNanos();
        JsonNode counts = null;
        while (System.nanoTime() < deadline) {
            counts = telemetry(dcl, id);
            long now = System.nanoTime();
            long received = counts == null ? 0 : counts.path("lines_received").asLong();
            if (firstAt < 0 && received > 0) {
                firstAt = now;
                firstCount = received;
            }
            if (received >= lines) {
                double seconds = (now - firstAt) / 1e9;
                System.out.println("first_settled_after_ms=" + Math.round((firstAt - provisioned) / 1e6));
                System.out.println("seconds=" + String.format("%.3f", seconds));
                System.out.println("records_per_second=" + Math.round((received - firstCount) / seconds));
                System.out.println("telemetry=" + counts);
                return;
            }
            LockSupport.parkNanos(50_000_000); // coarse enough to cost DCL next to nothing
        }
        throw new IllegalStateException("connector " + id + " did not settle " + lines + " lines: " + counts);
    }

    private static JsonNode telemetry(String dcl, String id) throws Exception {
        JsonNode all = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(dcl + "/api/ingest/telemetry"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        for (JsonNode c : all.path("connectors")) {
            if (c.path("connector_id").asString("").equals(id)) {
                return c;
            }
        }
        return null;
    }
}
