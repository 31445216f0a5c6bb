package com.autonomos.handshake.dcl.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.accounting.ExpectedStream.Line;
import com.autonomos.handshake.dcl.accounting.ExpectedStream.Outcome;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.testing.HttpJson.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * DCL against the simulator in its default, Farm-faithful mode: stream values independent of the record of truth,
 * empty lines as malformed chaos, two-field bad types, latency markers. The expected counts come from the simulator's
 * own manifest over HTTP (what it says it sent), not from DCL's counters; conservation is checked by the audit, which
 * recounts DCL's files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false"})
class FaithfulFarmAccountingTests {

    /** Seed 16, 120 entries at chaos rate 0.3, one-second stalls: 134 lines on the wire, 23 of them empty. */
    private static final String QUERY = "&chaos=true&chaos_rate=0.3&seed=16&limit=120&spike_seconds=1";
    private static final StreamSpec SPEC = StreamSpec.of(16).withChaos(0.3).withSpikeSeconds(1).withLimit(120);
    private static final String VERIFY = "/api/verify/salesforce/invoice";

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final EmbeddedFarm farm = new EmbeddedFarm();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    DclApi dcl;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void everyCategoryTheFaithfulFarmSentIsCountedExactlyAndEveryEmptyLineIsADeadLetter() throws Exception {
        JsonNode manifest = manifest();
        JsonNode counts = manifest.get("counts");
        // what the simulator says it sent: the numbers DCL must match
        assertThat(manifest.get("truth").asString()).isEqualTo("id");
        assertThat(manifest.get("wire_lines").asLong()).isEqualTo(134);
        assertThat(manifest.get("empty_lines").asLong()).isEqualTo(23);
        assertThat(counts.get("CONTROL").asLong()).isEqualTo(1);
        assertThat(counts.get("EMPTY").asLong()).isEqualTo(9);

        dcl.provision("faithful", farm.streamUrl(QUERY), DclApi.repairing());
        JsonNode t = dcl.awaitSettled("faithful", manifest.get("wire_lines").asLong(), Duration.ofSeconds(60));

        assertThat(t.get("lines_received").asLong()).isEqualTo(manifest.get("wire_lines").asLong());
        assertThat(t.get("control").asLong()).as("control is the latency markers sent, nothing else")
                .isEqualTo(counts.get("CONTROL").asLong());
        assertThat(t.get("toxic_blocked").asLong()).isEqualTo(counts.get("MALFORMED").asLong()
                + counts.get("NOT_AN_OBJECT").asLong() + manifest.get("empty_lines").asLong());
        List<JsonNode> deadLetters = dcl.awaitFile("faithful", "dead-letters.ndjson",
                (int) t.get("dead_lettered").asLong());
        assertThat(deadLetters.stream().filter(d -> d.get("reason").asString().equals("empty_line")).toList())
                .hasSize((int) manifest.get("empty_lines").asLong())
                .allSatisfy(d -> assertThat(d.get("raw").asString()).isEmpty());
        assertThat(deadLetters.stream().filter(d -> d.get("reason").asString().equals("malformed")).count())
                .isEqualTo(counts.get("MALFORMED").asLong());
        assertThat(deadLetters.stream().filter(d -> d.get("reason").asString().equals("not_an_object")).count())
                .isEqualTo(counts.get("NOT_AN_OBJECT").asLong());
        ExpectedStream expected = ExpectedStream.of(SPEC);
        assertThat(t.get("delivered").asLong()).isEqualTo(expected.delivered().size());
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(expected.dead().size());
        assertThat(t.get("delivered").asLong() + t.get("dead_lettered").asLong())
                .isEqualTo(manifest.get("wire_lines").asLong() - counts.get("CONTROL").asLong());
        dcl.assertBalanced("faithful", t);
    }

    @Test
    void underPolicySkipEmptyLinesAreCountedAsControlAndNeverDeadLettered() throws Exception {
        JsonNode manifest = manifest();

        dcl.provision("faithful-skip", farm.streamUrl(QUERY), DclApi.repairing().put("empty_lines", "skip"));
        JsonNode t = dcl.awaitSettled("faithful-skip", manifest.get("wire_lines").asLong(), Duration.ofSeconds(60));

        assertThat(t.get("control").asLong()).isEqualTo(manifest.at("/counts/CONTROL").asLong()
                + manifest.get("empty_lines").asLong());
        assertThat(t.get("toxic_blocked").asLong()).isEqualTo(manifest.at("/counts/MALFORMED").asLong()
                + manifest.at("/counts/NOT_AN_OBJECT").asLong());
        List<JsonNode> deadLetters = dcl.awaitFile("faithful-skip", "dead-letters.ndjson",
                (int) t.get("dead_lettered").asLong());
        assertThat(deadLetters).noneMatch(d -> d.get("reason").asString().equals("empty_line"));
        dcl.assertBalanced("faithful-skip", t);
    }

    @Test
    void repairedRecordsOfTheFaithfulFarmAreDeliveredUnverifiedWithTheFarmsMismatches() throws Exception {
        ExpectedStream expected = ExpectedStream.of(SPEC);
        List<Line> repaired = expected.lines().stream().filter(l -> l.outcome() == Outcome.REPAIRED).toList();
        assertThat(repaired).hasSizeGreaterThanOrEqualTo(5);

        dcl.provision("faithful-unverified", farm.streamUrl(QUERY), DclApi.repairing());
        JsonNode t = dcl.awaitSettled("faithful-unverified", manifest().get("wire_lines").asLong(),
                Duration.ofSeconds(60));
        List<JsonNode> records = dcl.awaitFile("faithful-unverified", "records.ndjson", (int) t.get("delivered").asLong());

        List<JsonNode> repairedRecords = records.stream().filter(r -> r.at("/meta/is_repaired").asBoolean()).toList();
        assertThat(repairedRecords).hasSize(repaired.size());
        for (JsonNode record : repairedRecords) {
            JsonNode meta = record.get("meta");
            JsonNode verdict = farmVerdict(record.get("payload"));
            assertThat(meta.get("verified").asBoolean()).as(meta.toString()).isFalse();
            assertThat(verdict.get("verified").asBoolean()).isFalse();
            assertThat(meta.get("mismatches")).as(meta.toString()).isEqualTo(verdict.get("mismatches")).isNotEmpty();
            assertThat(meta.has("reconciled")).isFalse();
            assertThat(fields(meta.get("mismatches"))).containsAnyOf("total_amount", "invoice_date");
            // the repaired fields themselves came from the record of truth
            JsonNode truth = ExpectedStream.truth(record.at("/payload/invoice_id").asString());
            for (JsonNode field : meta.get("repaired_fields")) {
                assertThat(at(record.get("payload"), field.asString())).isEqualTo(at(truth, field.asString()));
            }
        }
        assertThat(t.get("verified_count").asLong()).isZero();
        assertThat(t.get("verified_failed").asLong()).isEqualTo(repaired.size());
        assertThat(t.get("reconciled").asLong()).isZero();
    }

    @Test
    void withReconcileTheDisputedFieldsAreTakenFromTheRecordOfTruthAndTheFarmVerifiesEveryRepairedRecord()
            throws Exception {
        long repaired = ExpectedStream.of(SPEC).count(Outcome.REPAIRED);

        dcl.provision("faithful-reconcile", farm.streamUrl(QUERY), DclApi.repairing().put("reconcile", true));
        JsonNode t = dcl.awaitSettled("faithful-reconcile", manifest().get("wire_lines").asLong(),
                Duration.ofSeconds(60));
        List<JsonNode> records = dcl.awaitFile("faithful-reconcile", "records.ndjson",
                (int) t.get("delivered").asLong());

        List<JsonNode> repairedRecords = records.stream().filter(r -> r.at("/meta/is_repaired").asBoolean()).toList();
        assertThat(repairedRecords).hasSize((int) repaired);
        for (JsonNode record : repairedRecords) {
            JsonNode meta = record.get("meta");
            JsonNode payload = record.get("payload");
            JsonNode truth = ExpectedStream.truth(payload.get("invoice_id").asString());
            assertThat(meta.get("verified").asBoolean()).as(meta.toString()).isTrue();
            assertThat(farmVerdict(payload).get("verified").asBoolean()).isTrue();
            assertThat(meta.get("reconciled")).as(meta.toString()).isNotEmpty();
            Set<String> reconciledFields = new HashSet<>();
            for (JsonNode r : meta.get("reconciled")) {
                String field = r.get("field").asString();
                reconciledFields.add(field);
                assertThat(at(payload, field)).as(field).isEqualTo(at(truth, field));
                assertThat(r.get("truth_value")).isEqualTo(at(truth, field));
                assertThat(r.get("stream_value")).isNotEqualTo(r.get("truth_value"));
            }
            assertThat(reconciledFields).containsAnyOf("total_amount", "invoice_date");
        }
        assertThat(t.get("reconciled").asLong()).isEqualTo(repaired);
        assertThat(t.get("verified_count").asLong()).isEqualTo(repaired);
        assertThat(t.get("verified_failed").asLong()).isZero();
        dcl.assertBalanced("faithful-reconcile", t);
    }

    @Test
    void anAuditSeesALineDeletedFromTheSinkFileAndAnUnknownConnectorIsA404() throws Exception {
        dcl.provision("faithful-audit", farm.streamUrl(QUERY), DclApi.repairing());
        JsonNode t = dcl.awaitSettled("faithful-audit", manifest().get("wire_lines").asLong(), Duration.ofSeconds(60));
        dcl.assertBalanced("faithful-audit", t);

        Path file = dataDir.resolve("faithful-audit").resolve("records.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.remove(lines.size() / 2);
        Files.write(file, lines, StandardCharsets.UTF_8);

        JsonNode audit = dcl.audit("faithful-audit");
        assertThat(audit.get("balanced").asBoolean()).isFalse();
        assertThat(audit.at("/stored/delivered").asLong()).isEqualTo(t.get("delivered").asLong() - 1);
        assertThat(audit.at("/counted/delivered").asLong()).isEqualTo(t.get("delivered").asLong());
        assertThat(audit.at("/stored/dead_lettered").asLong()).isEqualTo(t.get("dead_lettered").asLong());

        Answer unknown = dcl.get("/api/connectors/no-such-connector/audit");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.text()).contains("no-such-connector");
    }

    @Test
    void anUnknownEmptyLinesPolicyIsRefusedWith422AndChangesNothing() {
        Answer refused = dcl.provisionRaw("{\"connector_id\":\"bad-policy\",\"source_type\":"
                + "\"mulesoft_stream\",\"target_url\":\"" + farm.streamUrl(QUERY) + "\","
                + "\"policy\":{\"repair_enabled\":true,\"empty_lines\":\"ignore\"}}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text()).contains("policy.empty_lines").contains("dead_letter or skip");
        assertThat(dcl.get("/api/connectors/bad-policy").status()).isEqualTo(404);
    }

    private JsonNode manifest() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(farm.baseUrl()
                + "/api/stream/synthetic/mulesoft/manifest?" + QUERY.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return DclApi.JSON.readTree(response.body());
    }

    private JsonNode farmVerdict(JsonNode record) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(farm.baseUrl() + VERIFY))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return DclApi.JSON.readTree(response.body());
    }

    private static List<String> fields(JsonNode mismatches) {
        return mismatches.valueStream().map(m -> m.get("field").asString()).toList();
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current;
    }
}
