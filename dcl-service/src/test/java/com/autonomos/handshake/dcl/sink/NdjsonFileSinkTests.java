package com.autonomos.handshake.dcl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.autonomos.handshake.dcl.system.DclProperties;
import com.autonomos.handshake.dcl.system.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class NdjsonFileSinkTests {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String PAYLOAD = "{\"invoice_id\":\"INV-000001\",\"total_amount\":459.80,"
            + "\"vendor\":{\"name\":\"Acme \\\"Corp\\\"\",\"vendor_id\":\"V-1\"},\"line_items\":[1,2.50,3e2]}";

    @TempDir
    Path dataDir;

    private final Ticker ticker = new Ticker();
    private NdjsonFileSink sink;

    @BeforeEach
    void start() {
        SinkProperties properties = new SinkProperties(Duration.ofMinutes(10), DataSize.ofKilobytes(64), 10, 20000);
        sink = new NdjsonFileSink(new DclProperties(dataDir, null, List.of()), JSON, properties,
                new RecentRecords(properties), ticker);
        sink.start();
    }

    @AfterEach
    void stop() {
        sink.stop();
        ticker.destroy();
    }

    private static EnvelopeMeta meta(String traceId, List<DriftItem> drift) {
        return new EnvelopeMeta("c1", 3, "mulesoft_stream", Instant.parse("2026-01-02T03:04:05.678Z"), traceId,
                false, List.of(), drift, null, null, null, null);
    }

    private List<String> lines(String file) throws Exception {
        return Files.readAllLines(dataDir.resolve("c1").resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void aVerbatimPayloadIsWrittenAsReadInsideTheSameEnvelopeTheTreeWouldGive() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(PAYLOAD);
        DeliveredRecord verbatim = new DeliveredRecord(meta("t1", List.of()),
                Payload.of(tree, PAYLOAD.getBytes(StandardCharsets.US_ASCII)));
        DeliveredRecord fromTree = new DeliveredRecord(meta("t1", List.of()), tree);

        sink.write("c1", List.of(verbatim, fromTree, verbatim), List.of());
        sink.flush();

        List<String> lines = lines(NdjsonFileSink.RECORDS_FILE);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(lines.get(2))
                .startsWith("{\"meta\":{\"connector_id\":\"c1\"")
                .endsWith(",\"payload\":" + PAYLOAD + "}");
        JsonNode expected = JSON.readTree(JSON.writeValueAsString(fromTree));
        assertThat(JSON.readTree(lines.get(0))).isEqualTo(expected);
        assertThat(JSON.readTree(lines.get(1))).isEqualTo(expected);
    }

    @Test
    void aCleanLineDeliveredWithoutATreeIsWrittenByteForByteAsWhenItsTreeWasParsedAlongside() throws Exception {
        byte[] line = PAYLOAD.getBytes(StandardCharsets.US_ASCII);
        DeliveredRecord before = new DeliveredRecord(meta("t1", List.of()), Payload.of((ObjectNode) JSON.readTree(line), line));
        DeliveredRecord after = new DeliveredRecord(meta("t1", List.of()), Payload.parsedWhenNeeded(line, JSON.reader()));

        sink.write("c1", List.of(before, after), List.of());
        sink.flush();

        List<String> lines = lines(NdjsonFileSink.RECORDS_FILE);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo(lines.get(0)).endsWith(",\"payload\":" + PAYLOAD + "}");
    }

    @Test
    void anEnvelopeSerializesAKeptLineAsReadWithoutParsingItAndAnyOtherPayloadAsItsTree() throws Exception {
        byte[] line = PAYLOAD.getBytes(StandardCharsets.US_ASCII);
        EnvelopeMeta meta = meta("t1", List.of());
        String asRead = "{\"meta\":" + JSON.writeValueAsString(meta) + ",\"payload\":" + PAYLOAD + "}";
        String asTree = "{\"meta\":" + JSON.writeValueAsString(meta) + ",\"payload\":"
                + JSON.writeValueAsString(JSON.readTree(line)) + "}";
        // no reader: asking this payload for its tree would fail, so serializing must not ask
        Payload neverParsed = Payload.parsedWhenNeeded(line, null);

        // what the cluster sink and the records API write: the same envelope as a line of records.ndjson
        assertThat(JSON.writeValueAsString(new DeliveredRecord(meta, neverParsed)))
                .isEqualTo(asRead)
                .contains("\"total_amount\":459.80,"); // the line's lexical form, not the tree's 459.8
        assertThat(JSON.writeValueAsString(new DeliveredRecord(meta, Payload.of((ObjectNode) JSON.readTree(line), line))))
                .isEqualTo(asRead);
        assertThat(JSON.readTree(asRead)).isEqualTo(JSON.readTree(asTree)); // the same JSON value either way
        assertThat(JSON.writeValueAsString(new DeliveredRecord(meta, (ObjectNode) JSON.readTree(line))))
                .isEqualTo(asTree);

        sink.write("c1", List.of(new DeliveredRecord(meta, neverParsed)), List.of());
        sink.flush();
        assertThat(lines(NdjsonFileSink.RECORDS_FILE)).containsExactly(asRead);
    }

    @Test
    void envelopesAndDeadLettersAreOneJsonValueALineAcrossBatchesAndARestart() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(PAYLOAD);
        List<DriftItem> drift = List.of(new DriftItem("vendor.vendor_id", DriftKind.MISSING, null));
        DeadLetter dead = new DeadLetter("c1", 3, DeadLetterReason.MALFORMED, "bad", "{\"x\":", false,
                Instant.parse("2026-01-02T03:04:05Z"));

        sink.write("c1", List.of(new DeliveredRecord(meta("t1", drift), tree)), List.of(dead));
        sink.write("c1", List.of(new DeliveredRecord(meta("t2", List.of()),
                Payload.of(tree, PAYLOAD.getBytes(StandardCharsets.US_ASCII)))), List.of(dead));
        sink.stop();
        start(); // appends to the same files
        sink.write("c1", List.of(new DeliveredRecord(meta("t3", List.of()), tree)), List.of());
        sink.flush();

        List<String> records = lines(NdjsonFileSink.RECORDS_FILE);
        assertThat(records).extracting(l -> JSON.readTree(l).get("meta").get("trace_id").asString())
                .containsExactly("t1", "t2", "t3");
        assertThat(records).allSatisfy(l -> assertThat(l).startsWith("{\"meta\":"));
        assertThat(JSON.readTree(records.get(0)).get("meta").get("drift").get(0).get("field").asString())
                .isEqualTo("vendor.vendor_id");
        List<String> dead2 = lines(NdjsonFileSink.DEAD_LETTERS_FILE);
        assertThat(dead2).hasSize(2).allSatisfy(l -> assertThat(JSON.readValue(l, DeadLetter.class)).isEqualTo(dead));
    }

    @Test
    void storedRecountsTheLinesThisProcessAppendedFlushingFirstAndSeesALineThatWentMissing() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(PAYLOAD);
        DeadLetter dead = new DeadLetter("c1", 3, DeadLetterReason.EMPTY_LINE, "empty", "", false,
                Instant.parse("2026-01-02T03:04:05Z"));
        sink.write("c1", List.of(new DeliveredRecord(meta("t1", List.of()), tree),
                new DeliveredRecord(meta("t2", List.of()), tree)), List.of(dead));

        // nothing was flushed yet (the timed flush is 10 minutes away): stored flushes before it counts
        assertThat(sink.stored("c1")).isEqualTo(new StoredCounts(2, 1));

        sink.stop();
        start(); // a restarted process: its counters start at zero, so do the lines it appended
        assertThat(sink.stored("c1")).isEqualTo(new StoredCounts(0, 0));
        sink.write("c1", List.of(new DeliveredRecord(meta("t3", List.of()), tree)), List.of());
        assertThat(sink.stored("c1")).isEqualTo(new StoredCounts(1, 0));

        Path records = dataDir.resolve("c1").resolve(NdjsonFileSink.RECORDS_FILE);
        List<String> all = Files.readAllLines(records, StandardCharsets.UTF_8);
        Files.write(records, all.subList(0, all.size() - 1), StandardCharsets.UTF_8);
        assertThat(sink.stored("c1")).isEqualTo(new StoredCounts(0, 0));
    }

    @Test
    void storedOfAConnectorThatNeverWroteIsZero() {
        assertThat(sink.stored("never")).isEqualTo(new StoredCounts(0, 0));
    }

    @Test
    void verbatimPayloadsLargerThanTheGeneratorBufferAreWrittenWhole() throws Exception {
        String big = "{\"invoice_id\":\"INV-000002\",\"notes\":\"" + "x".repeat(20_000) + "\"}";
        ObjectNode tree = (ObjectNode) JSON.readTree(big);
        List<DeliveredRecord> batch = IntStream.range(0, 50)
                .mapToObj(i -> new DeliveredRecord(meta("t" + i, List.of()),
                Payload.of(tree, big.getBytes(StandardCharsets.US_ASCII))))
                .toList();

        sink.write("c1", batch, List.of());
        sink.flush();

        List<String> lines = lines(NdjsonFileSink.RECORDS_FILE);
        assertThat(lines).hasSize(50).allSatisfy(l -> assertThat(l).endsWith(",\"payload\":" + big + "}"));
        assertThat(JSON.readTree(lines.get(49)).get("meta").get("trace_id").asString()).isEqualTo("t49");
    }
}
