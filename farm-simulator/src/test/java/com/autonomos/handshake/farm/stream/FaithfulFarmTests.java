package com.autonomos.handshake.farm.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default mode, faithful to the public Farm: the record of truth derives from the invoice id alone and the stream's
 * values do not, chaos includes one or three empty lines, bad types damage two fields, latency markers carry their
 * {@code record_number}; and the manifest counts exactly what goes on the wire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "farm.calls.latency-ms=0")
class FaithfulFarmTests {

    private static final String STREAM = "/api/stream/synthetic/mulesoft";
    /** Seed 16, 120 entries: one latency marker (a 1 s stall), 9 empty-line entries (7 of them three lines). */
    private static final String QUERY = "seed=16&limit=120&chaos=true&chaos_rate=0.3&spike_seconds=1";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void byDefaultStreamValuesAreIndependentOfTheRecordOfTruthForTheSameInvoiceId() {
        List<GeneratedLine> clean = new FarmStream(StreamSpec.of(60).withLimit(200)).lines().toList();

        long differentTotal = 0;
        long differentDate = 0;
        for (GeneratedLine line : clean) {
            assertThat(line.kind()).isEqualTo(LineKind.CLEAN);
            JsonNode record = FarmStreamTests.JSON.readTree(line.text());
            ObjectNode truth = FarmStreamTests.truth(line.invoiceId());
            assertThat(record.get("invoice_id").asString()).isEqualTo(truth.get("invoice_id").asString());
            differentTotal += record.get("total_amount").decimalValue()
                    .compareTo(truth.get("total_amount").decimalValue()) != 0 ? 1 : 0;
            differentDate += record.get("invoice_date").equals(truth.get("invoice_date")) ? 0 : 1;
        }
        assertThat(differentTotal).isEqualTo(200);
        assertThat(differentDate).isGreaterThan(195);
        // the truth is a function of the id alone: the same whatever stream, seed or mode asks for it
        String id = clean.get(0).invoiceId();
        assertThat(FarmStream.recordOfTruth(id)).isEqualTo(FarmStream.recordOfTruth(id));
        GeneratedLine sameIndexOldMode = new FarmStream(StreamSpec.of(60).withTruth(Truth.STREAM).withLimit(1)).line(0);
        assertThat(sameIndexOldMode.invoiceId()).isEqualTo(id);
        ObjectNode oldModeRecord = (ObjectNode) FarmStreamTests.JSON.readTree(sameIndexOldMode.text());
        oldModeRecord.remove(FarmStreamTests.STREAM_FIELDS);
        assertThat(oldModeRecord).isEqualTo(FarmStreamTests.truth(id));
    }

    @Test
    void chaosSendsOneOrThreeEmptyLinesInPlaceOfARecordAndTheManifestCountsEveryWireLine() throws Exception {
        JsonNode manifest = FarmStreamTests.JSON.readTree(get(STREAM + "/manifest?" + QUERY));
        String served = get(STREAM + "?speed=fast&" + QUERY);
        List<String> wire = served.lines().toList();

        assertThat(manifest.get("truth").asString()).isEqualTo("id");
        assertThat(wire).hasSize(manifest.get("wire_lines").intValue());
        assertThat(wire.stream().filter(String::isEmpty).count()).isEqualTo(manifest.get("empty_lines").longValue());
        assertThat(wire.stream().filter(l -> l.startsWith("{\"_chaos\"")).count())
                .isEqualTo(manifest.get("counts").get("CONTROL").longValue());
        long empties = 0;
        long threes = 0;
        int at = 0;
        for (JsonNode entry : manifest.get("lines")) {
            int n = entry.get("wire_lines").intValue();
            if (entry.get("kind").asString().equals("EMPTY")) {
                assertThat(n).isIn(1, 3);
                empties++;
                threes += n == 3 ? 1 : 0;
                for (int i = 0; i < n; i++) {
                    assertThat(wire.get(at + i)).isEmpty();
                }
            } else {
                assertThat(n).isEqualTo(1);
                assertThat(wire.get(at)).isNotEmpty();
            }
            at += n;
        }
        // the counts a consumer's test can rely on
        assertThat(empties).isEqualTo(manifest.get("counts").get("EMPTY").longValue()).isEqualTo(9);
        assertThat(threes).isEqualTo(7);
        assertThat(manifest.get("counts").get("CONTROL").longValue()).isEqualTo(1);
        assertThat(manifest.get("wire_lines").longValue()).isEqualTo(120 + 2 * threes).isEqualTo(134);
        assertThat(manifest.get("empty_lines").longValue()).isEqualTo(empties + 2 * threes);
    }

    @Test
    void badTypesDamageTwoRelatedFieldsAndLatencyMarkersCarryTheirRecordNumber() {
        List<GeneratedLine> lines = new FarmStream(StreamSpec.of(62).withChaos(1).withSpikeSeconds(5).withLimit(400))
                .lines().toList();

        List<GeneratedLine> badTypes = lines.stream().filter(l -> l.kind() == LineKind.BAD_TYPE).toList();
        assertThat(badTypes).isNotEmpty().allSatisfy(l -> assertThat(l.damagedFields()).hasSize(2));
        assertThat(badTypes).anySatisfy(l -> assertThat(l.damagedFields()).containsExactly("total_amount", "subtotal"));
        assertThat(badTypes).anySatisfy(l -> assertThat(l.damagedFields())
                .containsExactlyInAnyOrder("invoice_date", "due_date"));
        for (GeneratedLine line : badTypes) {
            JsonNode record = FarmStreamTests.JSON.readTree(line.text());
            ObjectNode truth = FarmStreamTests.truth(line.invoiceId());
            for (String field : line.damagedFields()) {
                JsonNode value = record.get(field);
                assertThat(value == null || value.isNull() || value.getNodeType() != truth.get(field).getNodeType()
                        || "not-a-date".equals(value.asString())).as(line.text()).isTrue();
            }
        }
        List<GeneratedLine> markers = lines.stream().filter(l -> l.kind() == LineKind.CONTROL).toList();
        assertThat(markers).isNotEmpty().allSatisfy(l -> {
            JsonNode marker = FarmStreamTests.JSON.readTree(l.text());
            assertThat(marker.get("_chaos").asString()).isEqualTo("latency_spike_starting");
            assertThat(marker.get("delay_seconds").intValue()).isEqualTo(5);
            assertThat(marker.get("record_number").longValue()).isEqualTo(l.index() + 1);
        });
        assertThat(StreamSpec.of(1).spikeSeconds()).as("the default stall").isEqualTo(5);
    }

    @Test
    void anUnknownTruthModeIsRefusedWithAProblemNamingTheParameter() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + STREAM + "?truth=maybe"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'truth'").contains("id, stream");
    }

    @Test
    void callLatencyDelaysTheRecordOfTruthAndTheVerifyAnswer() throws Exception {
        long started = System.nanoTime();
        String truth = get("/api/source/salesforce/invoice/INV-000123?call_latency_ms=300");
        long truthMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/api/verify/salesforce/invoice?call_latency_ms=300"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FarmStreamTests.JSON.readTree(truth).get("invoice")
                        .toString())).build(), HttpResponse.BodyHandlers.ofString());
        long verifyMillis = (System.nanoTime() - started) / 1_000_000;

        // a lower bound only: the delay is the feature; how fast the rest is, is the benchmarks' business
        assertThat(truthMillis).isGreaterThanOrEqualTo(300);
        assertThat(verifyMillis).isGreaterThanOrEqualTo(300);
        assertThat(verify.body()).contains("\"verified\":true");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base()
                + "/api/source/salesforce/invoice/INV-000123?call_latency_ms=-5")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("call_latency_ms");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String get(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
