package com.autonomos.handshake.dcl.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.accounting.ExpectedStream.Line;
import com.autonomos.handshake.dcl.accounting.ExpectedStream.Outcome;
import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.LineEnding;
import com.autonomos.handshake.farm.stream.LineKind;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * DCL against the real farm simulator, repairing from its real source of truth and verify endpoints: for a seeded
 * stream, the outcome of every line is computed from the simulator's own generator ({@link ExpectedStream}), and DCL's
 * telemetry, records file and dead-letters file must match it exactly, line by line, in stream order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false"})
class SeededStreamAccountingTests {

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

    @Autowired
    MeterRegistry meters;

    DclApi dcl;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void everyLineOfASeededChaosStreamIsAccountedForExactlyAsTheGeneratorPredicts() throws Exception {
        StreamSpec spec = StreamSpec.of(42).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(0).withLimit(2000);
        ExpectedStream expected = ExpectedStream.of(spec);
        // seed 42, 2000 lines at chaos_rate 0.3: 1443 clean, 140 malformed, 147 not an object, 126 bad type, 144 drift
        assertThat(Stream.of(LineKind.CLEAN, LineKind.MALFORMED, LineKind.NOT_AN_OBJECT, LineKind.BAD_TYPE,
                LineKind.DRIFT).map(expected::count)).containsExactly(1443L, 140L, 147L, 126L, 144L);
        // all 270 damaged records break the contract; 11 lost their invoice_id (unrepairable), 259 are repaired
        assertThat(outcomes(expected)).containsExactly(270L, 259L, 11L);

        proveAccounting("seed-42", expected, "&truth=stream&chaos=true&chaos_rate=0.3&seed=42&limit=2000&spike_seconds=0");
    }

    @Test
    void latencySpikesCrlfLineEndingsAndUntaggedDamageChangeNothingInTheAccounting() throws Exception {
        StreamSpec spec = StreamSpec.of(30).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(1).withLineEnding(LineEnding.CRLF)
                .withTags(false).withLimit(150);
        ExpectedStream expected = ExpectedStream.of(spec);
        // seed 30, 150 lines: 109 clean, 8 malformed, 9 not an object, 7 one-second spikes, 11 bad type, 6 drift
        assertThat(Stream.of(LineKind.CLEAN, LineKind.MALFORMED, LineKind.NOT_AN_OBJECT, LineKind.CONTROL,
                LineKind.BAD_TYPE, LineKind.DRIFT).map(expected::count)).containsExactly(109L, 8L, 9L, 7L, 11L, 6L);
        assertThat(expected.lines()).noneMatch(l -> l.generated().text().contains("_chaos_injected"));
        assertThat(outcomes(expected)).containsExactly(17L, 16L, 1L);

        proveAccounting("spikes-crlf", expected, "&truth=stream&chaos=true&chaos_rate=0.3&seed=30&limit=150&spike_seconds=1"
                + "&line_ending=crlf&tags=false");
        assertThat(meters.get("dcl.stream.reconnects").tag("connector", "spikes-crlf").counter().count())
                .as("announced spikes are waited out, not reconnected").isZero();
    }

    @Test
    void aStreamThatDisagreesWithItsTruthIsDeliveredAsSentAndNeverReportedVerified() throws Exception {
        StreamSpec spec = StreamSpec.of(43).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(0).withMismatchRate(0.2).withLimit(1000);
        ExpectedStream expected = ExpectedStream.of(spec);
        List<Line> mismatched = expected.lines().stream().filter(l -> l.outcome() == Outcome.CLEAN
                && l.generated().damagedFields().equals(List.of("total_amount"))).toList();
        assertThat(mismatched).hasSize(163);
        assertThat(outcomes(expected)).containsExactly(161L, 156L, 5L);

        List<JsonNode> records = proveAccounting("mismatch", expected,
                "&truth=stream&chaos=true&chaos_rate=0.3&seed=43&limit=1000&spike_seconds=0&mismatch_rate=0.2");

        // A mismatched total is valid by the contract, so DCL cannot see it: it delivers the record as sent and, never
        // having asked the Farm, makes no claim that it is verified (no "verified" at all, not true).
        for (Line line : mismatched) {
            JsonNode record = records.stream().filter(r -> r.get("payload").get("_stream_meta").get("record_number")
                    .asLong() == line.recordNumber()).findFirst().orElseThrow();
            assertThat(record.get("payload").get("total_amount"))
                    .isNotEqualTo(ExpectedStream.truth(line.generated().invoiceId()).get("total_amount"));
            assertThat(record.get("meta").has("verified")).isFalse();
            assertThat(record.get("meta").get("is_repaired").asBoolean()).isFalse();
        }
    }

    /** Provisions the stream over HTTP, waits until every line is settled, and checks counts, records and dead letters. */
    private List<JsonNode> proveAccounting(String connectorId, ExpectedStream expected, String query) throws Exception {
        String url = farm.streamUrl(query);
        // the URL serves exactly the generator's bytes for the spec the expectations were computed from
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body()).isEqualTo(new FarmStream(expected.spec()).toBytes());
        long n = expected.spec().limit();

        dcl.provision(connectorId, url, DclApi.repairing());
        JsonNode t = dcl.awaitSettled(connectorId, n, Duration.ofSeconds(60));

        List<Line> delivered = expected.delivered();
        List<Line> dead = expected.dead();
        List<JsonNode> records = dcl.awaitFile(connectorId, "records.ndjson", delivered.size());
        List<JsonNode> deadLetters = dcl.awaitFile(connectorId, "dead-letters.ndjson", dead.size());

        long verifiedByFarm = 0;
        List<Long> recordNumbers = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            Line line = delivered.get(i);
            JsonNode meta = records.get(i).get("meta");
            JsonNode payload = records.get(i).get("payload");
            String where = connectorId + " record_number " + line.recordNumber();
            recordNumbers.add(payload.get("_stream_meta").get("record_number").asLong());
            assertThat(payload).as(where).isEqualTo(line.payload());
            assertThat(meta.get("connector_id").asString()).isEqualTo(connectorId);
            assertThat(meta.get("config_version").asLong()).isEqualTo(1);
            assertThat(meta.get("source").asString()).isEqualTo("mulesoft_stream");
            assertThat(meta.get("trace_id").asString()).matches("[0-9a-f]{32}");
            assertThat(meta.get("ingest_ts").asString()).isNotBlank();
            if (line.outcome() == Outcome.CLEAN) {
                assertThat(meta.get("is_repaired").asBoolean()).as(where).isFalse();
                assertThat(meta.get("repaired_fields")).as(where).isEmpty();
                assertThat(meta.get("drift")).as(where).isEmpty();
                assertThat(meta.has("verified")).as(where).isFalse();
                continue;
            }
            assertThat(meta.get("is_repaired").asBoolean()).as(where).isTrue();
            assertThat(meta.get("repaired_fields").valueStream().map(JsonNode::asString).toList()).as(where)
                    .isEqualTo(line.repairedFields());
            JsonNode truth = ExpectedStream.truth(line.generated().invoiceId());
            for (String field : line.repairedFields()) {
                assertThat(at(payload, field)).as(where + " " + field).isEqualTo(at(truth, field));
            }
            assertThat(meta.get("drift").valueStream().map(d -> d.get("field").asString()).toList()).as(where)
                    .isEqualTo(line.repairedFields());
            JsonNode verdict = farmVerdict(line.payload());
            assertThat(meta.get("verified").asBoolean()).as(where).isEqualTo(verdict.get("verified").asBoolean());
            assertThat(meta.get("quality_score").asDouble()).as(where).isEqualTo(verdict.get("quality_score").asDouble());
            assertThat(meta.get("mismatches")).as(where).isEqualTo(verdict.get("mismatches"));
            assertThat(meta.has("verify_error")).as(where).isFalse();
            if (verdict.get("verified").asBoolean()) {
                verifiedByFarm++;
            }
        }
        assertThat(recordNumbers).isEqualTo(delivered.stream().map(Line::recordNumber).toList());

        for (int i = 0; i < dead.size(); i++) {
            Line line = dead.get(i);
            JsonNode letter = deadLetters.get(i);
            String where = connectorId + " line " + line.recordNumber();
            assertThat(letter.get("reason").asString()).as(where).isEqualTo(line.reason());
            assertThat(letter.get("raw").asString()).as(where).isEqualTo(line.generated().text());
            assertThat(letter.get("raw_truncated").asBoolean()).as(where).isFalse();
            assertThat(letter.get("connector_id").asString()).isEqualTo(connectorId);
            assertThat(letter.get("config_version").asLong()).isEqualTo(1);
            assertThat(letter.get("detail").asString()).as(where).isNotBlank();
            assertThat(letter.get("ts").asString()).isNotBlank();
        }

        long clean = expected.count(Outcome.CLEAN);
        long repaired = expected.count(Outcome.REPAIRED);
        long drift = expected.count(Line::drifted);
        long deadCount = dead.size();
        long control = expected.count(Outcome.CONTROL);
        assertThat(t.get("lines_read").asLong()).isEqualTo(n);
        assertThat(t.get("lines_received").asLong()).isEqualTo(n);
        assertThat(t.get("control").asLong()).isEqualTo(control).isEqualTo(expected.count(LineKind.CONTROL));
        assertThat(t.get("delivered").asLong()).isEqualTo(clean + repaired);
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(deadCount);
        dcl.assertBalanced(connectorId, t);
        assertThat(t.get("total_processed").asLong()).isEqualTo(clean + repaired + deadCount);
        assertThat(t.get("toxic_blocked").asLong())
                .isEqualTo(expected.count(LineKind.MALFORMED) + expected.count(LineKind.NOT_AN_OBJECT));
        assertThat(t.get("drift_detected").asLong()).isEqualTo(drift);
        assertThat(t.get("repaired_success").asLong()).isEqualTo(repaired);
        assertThat(t.get("repair_failed").asLong()).isEqualTo(drift - repaired);
        assertThat(t.get("verified_count").asLong()).isEqualTo(verifiedByFarm);
        assertThat(t.get("verified_failed").asLong()).isEqualTo(repaired - verifiedByFarm);
        assertThat(t.get("quality_score").asDouble())
                .isEqualTo(Math.round(10000.0 * (clean + verifiedByFarm) / (clean + repaired + deadCount)) / 100.0);
        assertThat(t.get("repair_rate").asDouble()).isEqualTo(Math.round(10000.0 * repaired / drift) / 100.0);
        for (String reason : List.of("malformed", "not_an_object", "too_large", "unrepairable", "repair_unavailable",
                "verify_failed")) {
            assertThat(meters.get("dcl.dead.letters").tag("connector", connectorId).tag("reason", reason).counter()
                    .count()).as(reason).isEqualTo((double) expected.deadLetters(reason));
        }
        assertThat(expected.deadLetters("malformed")).isEqualTo(expected.count(LineKind.MALFORMED));
        assertThat(expected.deadLetters("not_an_object")).isEqualTo(expected.count(LineKind.NOT_AN_OBJECT));
        return records;
    }

    /** Drifted, repaired and unrepairable records the generator's stream holds. */
    private static List<Long> outcomes(ExpectedStream expected) {
        return List.of(expected.count(Line::drifted), expected.count(Outcome.REPAIRED),
                expected.deadLetters("unrepairable"));
    }

    /** What the simulator's verify endpoint says of a record. */
    private JsonNode farmVerdict(JsonNode record) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(farm.baseUrl() + VERIFY))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(record.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return DclApi.JSON.readTree(response.body());
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current.get(part);
        }
        return current;
    }
}
