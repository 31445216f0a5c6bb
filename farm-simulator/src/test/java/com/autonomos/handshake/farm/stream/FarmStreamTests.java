package com.autonomos.handshake.farm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

class FarmStreamTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> STREAM_FIELDS = List.of("sync_timestamp", "correlation_id", "_stream_meta");
    static final List<String> TAGS = List.of("_chaos_injected", "_drift_type");

    /** Fixed, so every run checks the same stream seeds. */
    private static final long BASE_SEED = 0xF4A2_5EEDL;

    /** Stream seeds for the properties below: the edges of long first, then seeds drawn from the base seed. */
    static LongStream streamSeeds(int tries) {
        LongStream edges = LongStream.of(Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE);
        SplittableRandom base = new SplittableRandom(BASE_SEED);
        return LongStream.concat(edges, LongStream.generate(base::nextLong).limit(tries - 5));
    }

    static LongStream twentyStreamSeeds() {
        return streamSeeds(20);
    }

    static LongStream thirtyStreamSeeds() {
        return streamSeeds(30);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("twentyStreamSeeds")
    void theSameSeedYieldsIdenticalBytes(long seed) {
        StreamSpec spec = StreamSpec.of(seed).withTruth(Truth.STREAM).withChaos(0.3).withMismatchRate(0.2).withLimit(300);

        assertThat(new FarmStream(spec).toBytes()).isEqualTo(new FarmStream(spec).toBytes());
    }

    @Test
    void differentSeedsYieldDifferentStreams() {
        assertThat(new FarmStream(StreamSpec.of(1).withTruth(Truth.STREAM).withLimit(50)).toBytes())
                .isNotEqualTo(new FarmStream(StreamSpec.of(2).withTruth(Truth.STREAM).withLimit(50)).toBytes());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("thirtyStreamSeeds")
    void aLineDependsOnlyOnSeedAndIndex(long seed) {
        FarmStream stream = new FarmStream(StreamSpec.of(seed).withTruth(Truth.STREAM).withChaos(0.5).withLimit(40));
        List<GeneratedLine> inOrder = stream.lines().toList();

        assertThat(new FarmStream(stream.spec()).line(37)).isEqualTo(inOrder.get(37));
        assertThat(stream.line(3)).isEqualTo(inOrder.get(3));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("thirtyStreamSeeds")
    void theInvoiceAtAnIndexDoesNotDependOnTheChaosSettings(long seed) {
        List<GeneratedLine> calm = new FarmStream(StreamSpec.of(seed).withTruth(Truth.STREAM).withLimit(200)).lines().toList();
        List<GeneratedLine> chaotic = new FarmStream(StreamSpec.of(seed).withTruth(Truth.STREAM).withChaos(1).withLimit(200)).lines()
                .toList();

        for (int i = 0; i < calm.size(); i++) {
            if (chaotic.get(i).invoiceId() != null) {
                assertThat(chaotic.get(i).invoiceId()).isEqualTo(calm.get(i).invoiceId());
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("twentyStreamSeeds")
    void aCleanRecordEqualsTheRecordOfTruthForItsIdPlusStreamFields(long seed) {
        new FarmStream(StreamSpec.of(seed).withTruth(Truth.STREAM).withLimit(100)).lines().forEach(line -> {
            assertThat(line.kind()).isEqualTo(LineKind.CLEAN);
            assertThat(line.damagedFields()).isEmpty();
            ObjectNode record = (ObjectNode) JSON.readTree(line.text());
            assertThat(record.propertyNames()).containsAll(STREAM_FIELDS).doesNotContainAnyElementsOf(TAGS);
            record.remove(STREAM_FIELDS);
            assertThat(record).isEqualTo(truth(line.invoiceId()));
        });
    }

    @Test
    void streamFieldsCarryRecordNumberChaosModeIsoTimestampAndUuid() {
        List<GeneratedLine> lines = new FarmStream(StreamSpec.of(5).withTruth(Truth.STREAM).withChaos(0).withLimit(3)).lines().toList();

        for (GeneratedLine line : lines) {
            JsonNode record = JSON.readTree(line.text());
            assertThat(record.get("_stream_meta").get("record_number").longValue()).isEqualTo(line.index() + 1);
            assertThat(record.get("_stream_meta").get("chaos_mode").booleanValue()).isTrue();
            assertThat(UUID.fromString(record.get("correlation_id").asString()).version()).isEqualTo(4);
        }
        Instant first = Instant.parse(JSON.readTree(lines.get(0).text()).get("sync_timestamp").asString());
        Instant third = Instant.parse(JSON.readTree(lines.get(2).text()).get("sync_timestamp").asString());
        assertThat(third).isEqualTo(first.plusMillis(200));
    }

    @Test
    void withoutChaosEveryLineIsClean() {
        Map<LineKind, Long> offCounts = counts(StreamSpec.of(9).withTruth(Truth.STREAM).withSpikeSeconds(1).withLimit(5_000));
        Map<LineKind, Long> zeroRateCounts = counts(StreamSpec.of(9).withTruth(Truth.STREAM).withChaos(0).withLimit(5_000));

        assertThat(offCounts).containsExactly(Map.entry(LineKind.CLEAN, 5_000L));
        assertThat(zeroRateCounts).containsExactly(Map.entry(LineKind.CLEAN, 5_000L));
    }

    @Test
    void chaosLinesAreTheChaosRateShareSplitEvenlyAcrossTheKinds() {
        Map<LineKind, Long> counts = counts(StreamSpec.of(11).withTruth(Truth.STREAM).withChaos(0.1).withLimit(100_000));

        long chaos = 100_000 - counts.get(LineKind.CLEAN);
        assertThat(chaos).isBetween(9_500L, 10_500L);
        for (LineKind kind : List.of(LineKind.MALFORMED, LineKind.NOT_AN_OBJECT, LineKind.CONTROL, LineKind.BAD_TYPE,
                LineKind.DRIFT)) {
            assertThat(counts.get(kind)).as(kind.name()).isBetween(chaos / 5 - 250, chaos / 5 + 250);
        }
    }

    @Test
    void withSpikesDisabledNoControlLineIsEmitted() {
        Map<LineKind, Long> counts = counts(StreamSpec.of(12).withTruth(Truth.STREAM).withChaos(1).withSpikeSeconds(0).withLimit(10_000));

        assertThat(counts).doesNotContainKey(LineKind.CONTROL).doesNotContainKey(LineKind.CLEAN);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(LineKind.MALFORMED, LineKind.NOT_AN_OBJECT,
                LineKind.BAD_TYPE, LineKind.DRIFT);
    }

    @Test
    void everyLineHasTheDocumentedShapeOfItsKind() {
        new FarmStream(StreamSpec.of(21).withTruth(Truth.STREAM).withChaos(1).withSpikeSeconds(3).withLimit(20_000)).lines()
                .forEach(FarmStreamTests::assertShape);
    }

    @Test
    void everyDocumentedVariantOfEachChaosKindOccurs() {
        Set<String> badTypeTags = new HashSet<>();
        Set<String> driftTypes = new HashSet<>();
        Set<JsonNodeType> notObjects = new HashSet<>();
        Set<Boolean> malformedTruncated = new HashSet<>();
        new FarmStream(StreamSpec.of(22).withTruth(Truth.STREAM).withChaos(1).withLimit(5_000)).lines().forEach(line -> {
            switch (line.kind()) {
                case BAD_TYPE -> badTypeTags.add(JSON.readTree(line.text()).get("_chaos_injected").asString());
                case DRIFT -> driftTypes.add(JSON.readTree(line.text()).get("_drift_type").asString());
                case NOT_AN_OBJECT -> notObjects.add(JSON.readTree(line.text()).getNodeType());
                case MALFORMED -> malformedTruncated.add(line.text().startsWith("{\"record_type\""));
                default -> {
                }
            }
        });

        assertThat(badTypeTags).containsExactlyInAnyOrder("amount_as_word", "amount_as_currency_string",
                "amount_empty_string", "amount_null", "date_not_a_date", "date_as_number", "vendor_as_string",
                "line_items_not_array", "invoice_id_null", "vendor_null");
        assertThat(driftTypes).containsExactlyInAnyOrder("missing_vendor_id", "missing_billing_address",
                "missing_vendor", "multiple_fields_missing");
        assertThat(notObjects).containsExactlyInAnyOrder(JsonNodeType.ARRAY, JsonNodeType.STRING,
                JsonNodeType.NUMBER);
        assertThat(malformedTruncated).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void withoutTagsDamagedRecordsCarryNoChaosMarkers() {
        List<GeneratedLine> tagged = new FarmStream(StreamSpec.of(23).withTruth(Truth.STREAM).withChaos(1).withLimit(2_000)).lines().toList();
        List<GeneratedLine> untagged = new FarmStream(StreamSpec.of(23).withTruth(Truth.STREAM).withChaos(1).withTags(false).withLimit(2_000))
                .lines().toList();

        for (int i = 0; i < tagged.size(); i++) {
            GeneratedLine line = untagged.get(i);
            assertThat(line.kind()).isEqualTo(tagged.get(i).kind());
            assertThat(line.text()).doesNotContain("_chaos_injected").doesNotContain("_drift_type");
            if (line.kind() == LineKind.BAD_TYPE || line.kind() == LineKind.DRIFT) {
                ObjectNode withTags = (ObjectNode) JSON.readTree(tagged.get(i).text());
                withTags.remove(TAGS);
                assertThat(JSON.readTree(line.text())).isEqualTo(withTags);
            } else {
                assertThat(line.text()).isEqualTo(tagged.get(i).text());
            }
        }
    }

    @Test
    void crlfTerminatesEveryLineWithCarriageReturnLineFeed() {
        StreamSpec lf = StreamSpec.of(24).withTruth(Truth.STREAM).withChaos(0.5).withLimit(200);
        String lfText = new String(new FarmStream(lf).toBytes(), StandardCharsets.UTF_8);
        String crlfText = new String(new FarmStream(lf.withLineEnding(LineEnding.CRLF)).toBytes(),
                StandardCharsets.UTF_8);

        assertThat(crlfText).isEqualTo(lfText.replace("\n", "\r\n"));
        assertThat(crlfText.split("\r\n", -1)).hasSize(201);
    }

    @Test
    void theMismatchRateShareOfCleanRecordsDisagreesWithTheTruthOnTotalAmountOnly() {
        List<GeneratedLine> lines = new FarmStream(StreamSpec.of(25).withTruth(Truth.STREAM).withMismatchRate(0.3).withLimit(10_000)).lines()
                .toList();

        long mismatched = 0;
        for (GeneratedLine line : lines) {
            ObjectNode record = (ObjectNode) JSON.readTree(line.text());
            record.remove(STREAM_FIELDS);
            ObjectNode truth = truth(line.invoiceId());
            if (line.damagedFields().isEmpty()) {
                assertThat(record).isEqualTo(truth);
                continue;
            }
            mismatched++;
            assertThat(line.damagedFields()).containsExactly("total_amount");
            assertThat(record.get("total_amount").decimalValue())
                    .isNotEqualByComparingTo(truth.get("total_amount").decimalValue())
                    .isPositive();
            record.remove("total_amount");
            truth.remove("total_amount");
            assertThat(record).isEqualTo(truth);
        }
        assertThat(mismatched).isBetween(2_800L, 3_200L);
    }

    @Test
    void wallClockTimestampsFollowTheClock() {
        Instant before = Instant.now();
        GeneratedLine line = new FarmStream(StreamSpec.of(26).withTruth(Truth.STREAM).withWallClock(true)).line(0);

        Instant stamped = Instant.parse(JSON.readTree(line.text()).get("sync_timestamp").asString());
        assertThat(stamped).isBetween(before.minusMillis(1), Instant.now());
    }

    @Test
    void anEndlessStreamCannotBeWrittenOutWhole() {
        assertThatThrownBy(() -> new FarmStream(StreamSpec.of(1).withTruth(Truth.STREAM)).toBytes()).isInstanceOf(IllegalStateException.class);
        assertThat(new FarmStream(StreamSpec.of(1).withTruth(Truth.STREAM)).lines().limit(3).count()).isEqualTo(3);
    }

    /** The documented shape of each kind, checked against the record of truth. */
    static void assertShape(GeneratedLine line) {
        switch (line.kind()) {
            case MALFORMED -> {
                assertThat(line.invoiceId()).isNull();
                assertThatThrownBy(() -> JSON.readTree(line.text())).isInstanceOf(JacksonException.class);
            }
            case NOT_AN_OBJECT -> {
                assertThat(line.invoiceId()).isNull();
                assertThat(JSON.readTree(line.text()).getNodeType())
                        .isIn(JsonNodeType.ARRAY, JsonNodeType.STRING, JsonNodeType.NUMBER);
            }
            case CONTROL -> assertThat(line.text()).matches("\\{\"_chaos\":\"latency_spike_starting\","
                    + "\"delay_seconds\":3}");
            case CLEAN -> {
                ObjectNode record = (ObjectNode) JSON.readTree(line.text());
                record.remove(STREAM_FIELDS);
                assertThat(record).isEqualTo(truth(line.invoiceId()));
            }
            case BAD_TYPE -> {
                ObjectNode record = (ObjectNode) JSON.readTree(line.text());
                assertThat(line.damagedFields()).hasSize(1);
                String field = line.damagedFields().get(0);
                assertWrongType(field, record.get(field));
                assertThat(record.get("_chaos_injected").isString()).isTrue();
                assertUndamagedFieldsMatchTheTruth(line, record);
            }
            case DRIFT -> {
                ObjectNode record = (ObjectNode) JSON.readTree(line.text());
                assertThat(record.get("_chaos_injected").asString()).isEqualTo("drift");
                assertThat(record.get("_drift_type").isString()).isTrue();
                for (String path : line.damagedFields()) {
                    assertThat(record.at("/" + path.replace('.', '/')).isMissingNode()).as(path).isTrue();
                }
                assertUndamagedFieldsMatchTheTruth(line, record);
            }
        }
    }

    private static void assertWrongType(String field, JsonNode value) {
        switch (field) {
            case "total_amount" -> assertThat(value.isNumber()).isFalse();
            case "invoice_date", "due_date" -> assertThat(value.isString()
                    && isIsoDate(value.asString())).isFalse();
            case "vendor" -> assertThat(value.isObject()).isFalse();
            case "line_items" -> assertThat(value.isArray()).isFalse();
            case "invoice_id" -> assertThat(value.isNull()).isTrue();
            default -> throw new AssertionError("unexpected damaged field " + field);
        }
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The damaged record minus the damage, the stream fields and the tags is the truth minus the damaged paths. */
    private static void assertUndamagedFieldsMatchTheTruth(GeneratedLine line, ObjectNode record) {
        ObjectNode truth = truth(line.invoiceId());
        record.remove(STREAM_FIELDS);
        record.remove(TAGS);
        for (String path : line.damagedFields()) {
            remove(record, path);
            remove(truth, path);
        }
        assertThat(record).isEqualTo(truth);
    }

    private static void remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            node.remove(path);
        } else if (node.get(path.substring(0, dot)) instanceof ObjectNode parent) {
            parent.remove(path.substring(dot + 1));
        }
    }

    /** The truth as a plain mapper reads it, so comparisons are independent of the simulator's own mapper. */
    static ObjectNode truth(String invoiceId) {
        return (ObjectNode) JSON.readTree(InvoiceFactory.recordOfTruth(invoiceId).toString());
    }

    static Map<LineKind, Long> counts(StreamSpec spec) {
        return new FarmStream(spec).lines().collect(Collectors.groupingBy(GeneratedLine::kind,
                () -> new EnumMap<>(LineKind.class), Collectors.counting()));
    }
}
