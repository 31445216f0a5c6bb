package com.autonomos.handshake.dcl.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/** {@link UniqueNamesParser} refuses exactly what Jackson's {@code STRICT_DUPLICATE_DETECTION} refuses. */
class UniqueNamesParserTests {

    private static final JsonFactory PLAIN = JsonFactory.builder().build();
    private static final String SKIPPED = "skipped";
    private static final JsonFactory STRICT =
            PLAIN.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":1,\"a\":2}",
            "{\"a\":{\"b\":1,\"c\":2,\"b\":3}}",
            "{\"items\":[{\"q\":1},{\"q\":1,\"p\":2,\"q\":3}]}",
            "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"a\":8}",
            "{\"x\":{\"y\":{\"z\":[1,{\"k\":1,\"k\":2}]}}}",
            "{\"a\":1,\"\\u0061\":2}",
            "{\"invoice_id\":1,\"invoice_\\u0069d\":2}",
            "{\"a_very_long_property_name_of_more_than_forty_bytes_x\":1,\"a_very_long_property_name_of_more_than_forty_bytes_x\":2}"})
    void aPropertyNamedTwiceInOneObjectFailsAtAnyDepth(String json) {
        assertThatThrownBy(() -> readAll(PLAIN, json, true)).isInstanceOf(StreamReadException.class)
                .hasMessageContaining("Duplicate Object property");
    }

    @Test
    void aDuplicateInsideASkippedSubtreeFailsToo() {
        String json = "{\"extra\":{\"n\":1,\"n\":2},\"after\":1}";
        assertThatThrownBy(() -> {
            try (JsonParser parser = UniqueNamesParser.over(PLAIN, bytes(json))) {
                parser.nextToken();
                assertThat(parser.nextName()).isEqualTo("extra");
                parser.nextToken();
                parser.skipChildren();
            }
        }).isInstanceOf(StreamReadException.class).hasMessageContaining("\"n\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}",
            "{\"vendor\":{\"name\":\"x\"},\"billing_address\":{\"name\":\"y\"},\"name\":\"z\"}",
            "[{\"a\":1},{\"a\":1}]",
            "{}"})
    void theSameNameInDifferentObjectsIsNotADuplicate(String json) {
        assertThat(readAll(PLAIN, json, true)).isEqualTo(readAll(STRICT, json, false));
    }

    @Test
    void refusesAFactoryThatDoesNotCanonicalizeNames() {
        JsonFactory uncanonical = PLAIN.rebuild().disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build();
        assertThatThrownBy(() -> UniqueNamesParser.over(uncanonical, bytes("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonicalize");
    }

    @Test
    void agreesWithJacksonsOwnCheckOnSeededDocuments() {
        SplittableRandom random = new SplittableRandom(42);
        int refused = 0;
        int[] skipped = {0};
        for (int n = 0; n < 5_000; n++) {
            String json = document(random, 0);
            boolean jackson = refuses(STRICT, json, false, new int[1]);
            assertThat(refuses(PLAIN, json, true, skipped)).as(json).isEqualTo(jackson);
            refused += jackson ? 1 : 0;
        }
        assertThat(refused).as("documents with a duplicate, so both answers occur").isBetween(500, 4_500);
        assertThat(skipped[0]).as("subtrees read by skipChildren in documents read to the end").isGreaterThan(100);
    }

    /** An object of up to 8 members named from a small alphabet (so names repeat), nested up to 3 deep. */
    private static String document(SplittableRandom random, int depth) {
        StringBuilder b = new StringBuilder("{");
        int members = random.nextInt(9);
        for (int m = 0; m < members; m++) {
            b.append(m == 0 ? "" : ",").append('"').append((char) ('a' + random.nextInt(depth == 0 ? 12 : 5)))
                    .append("\":");
            int kind = depth < 3 ? random.nextInt(4) : 0;
            switch (kind) {
                case 1 -> b.append(document(random, depth + 1));
                case 2 -> b.append('[').append(document(random, depth + 1)).append(',')
                        .append(document(random, depth + 1)).append(']');
                default -> b.append(random.nextInt(100));
            }
        }
        return b.append('}').toString();
    }

    /** Whether reading the document fails; adds the subtrees skipped to {@code skipped} when it does not. */
    private static boolean refuses(JsonFactory factory, String json, boolean ours, int[] skipped) {
        try {
            skipped[0] += (int) readAll(factory, json, ours).stream().filter(SKIPPED::equals).count();
            return false;
        } catch (StreamReadException e) {
            return true;
        }
    }

    /**
     * Reads every token, skipping the value of every other member of the document's object when it is an object or
     * an array, as the contract check skips an extra field.
     */
    private static List<String> readAll(JsonFactory factory, String json, boolean ours) {
        List<String> tokens = new ArrayList<>();
        try (JsonParser parser = ours ? UniqueNamesParser.over(factory, bytes(json)) : factory.createParser(bytes(json))) {
            int depth = 0;
            int memberValues = 0;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                tokens.add(t + (t == JsonToken.PROPERTY_NAME ? ":" + parser.currentName() : ""));
                if (t.isStructStart() && ++depth == 2 && memberValues++ % 2 == 0) {
                    parser.skipChildren();
                    depth--;
                    tokens.add(SKIPPED);
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        }
        return tokens;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
