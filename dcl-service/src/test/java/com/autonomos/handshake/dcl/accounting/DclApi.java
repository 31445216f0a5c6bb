package com.autonomos.handshake.dcl.accounting;

import com.autonomos.handshake.dcl.sink.SinkFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.testing.HttpJson;
import com.autonomos.handshake.testing.HttpJson.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** DCL as a client sees it: its HTTP API over loopback, and the NDJSON files its embedded sink writes. */
final class DclApi {

    static final String TOKEN = "accounting-test-token";
    /** The test's own mapper: expected and actual JSON both go through it, so numbers compare alike. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);

    private final HttpJson http;
    private final Path dataDir;

    DclApi(int port, Path dataDir) {
        this.http = HttpJson.onPort(port);
        this.dataDir = dataDir;
    }

    /** {@code POST /api/ingest/provision} with the bearer token; asserts a new connector at version 1. */
    void provision(String connectorId, String targetUrl, ObjectNode policy) {
        ObjectNode body = JSON.createObjectNode()
                .put("connector_id", connectorId)
                .put("source_type", "mulesoft_stream")
                .put("target_url", targetUrl);
        body.set("policy", policy);
        Answer response = provisionRaw(body.toString());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.text());
        assertThat(result.get("status").asString()).isEqualTo("provisioned");
        assertThat(result.get("version").asLong()).isEqualTo(1);
    }

    /** {@code GET /api/connectors/{id}/audit}. */
    JsonNode audit(String connectorId) {
        return getJson("/api/connectors/" + connectorId + "/audit");
    }

    /** Asserts that the audit balances and that both sides equal the telemetry's delivered and dead_lettered. */
    void assertBalanced(String connectorId, JsonNode telemetry) {
        JsonNode audit = audit(connectorId);
        assertThat(audit.get("connector_id").asString()).isEqualTo(connectorId);
        assertThat(audit.get("balanced").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.get("stored")).isEqualTo(audit.get("counted"));
        assertThat(audit.at("/counted/delivered").asLong()).isEqualTo(telemetry.get("delivered").asLong());
        assertThat(audit.at("/counted/dead_lettered").asLong()).isEqualTo(telemetry.get("dead_lettered").asLong());
        assertThat(audit.get("checked_at").asString()).isNotBlank();
    }

    Answer get(String path) {
        return http.get(path);
    }

    /** {@code POST /api/ingest/provision} with the bearer token and any body; the raw answer. */
    Answer provisionRaw(String body) {
        return send("POST", "/api/ingest/provision", body);
    }

    /** Any method with the bearer token; a {@code null} json sends no body. */
    Answer send(String method, String path, String json) {
        return http.send(method, path, json, AUTHORIZED);
    }

    static ObjectNode repairing() {
        return JSON.createObjectNode().put("repair_enabled", true);
    }

    JsonNode getJson(String path) {
        Answer response = http.get(path);
        assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        return JSON.readTree(response.text());
    }

    /** The connector's entry of {@code GET /api/ingest/telemetry}. */
    JsonNode telemetry(String connectorId) {
        JsonNode all = getJson("/api/ingest/telemetry");
        assertThat(all.get("totals").get("in_flight").asLong()).as("in_flight at every read").isNotNegative();
        for (JsonNode connector : all.get("connectors")) {
            assertThat(connector.get("in_flight").asLong()).as("in_flight at every read").isNotNegative();
            if (connector.get("connector_id").asString().equals(connectorId)) {
                return connector;
            }
        }
        throw new AssertionError("no telemetry for " + connectorId);
    }

    /** Waits until DCL has read {@code lines} lines and settled every one of them; returns that telemetry. */
    JsonNode awaitSettled(String connectorId, long lines, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode t = telemetry(connectorId);
            assertThat(t.get("lines_read").asLong()).isEqualTo(lines);
            assertThat(t.get("in_flight").asLong()).isZero();
        });
        return telemetry(connectorId);
    }

    /** {@code <data-dir>/<connector>/<file>} once it holds {@code expected} lines (the sink flushes periodically). */
    List<JsonNode> awaitFile(String connectorId, String file, int expected) {
        Path path = dataDir.resolve(connectorId).resolve(file);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines(path)).hasSize(expected));
        return lines(path).stream().map(JSON::readTree).toList();
    }

    private static List<String> lines(Path path) {
        return SinkFiles.completeLines(path);
    }
}
