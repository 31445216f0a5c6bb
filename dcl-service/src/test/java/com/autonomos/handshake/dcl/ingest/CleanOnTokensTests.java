package com.autonomos.handshake.dcl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.GeneratedLine;
import com.autonomos.handshake.farm.stream.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * The token-stream check of a clean line ({@link LineClassifier#cleanOnTokens}) says clean exactly when the tree path
 * ({@link LineClassifier#classifyOnTree}) says {@code Clean} with the line as its verbatim JSON, and
 * {@link LineClassifier#classify} classifies every line as the tree path does: on the Farm generator's chaos streams,
 * on seeded mutations of their lines, and on hand-written edge cases.
 */
class CleanOnTokensTests {

    private final LineClassifier classifier = new LineClassifier(new IngestProperties(DataSize.ofMegabytes(1),
            DataSize.ofBytes(64), 64, 100, 262144, Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), 256,
            Duration.ofMillis(10), 1, 1024,
            new IngestProperties.Reconnect(Duration.ofMillis(200), Duration.ofSeconds(10), 0.5, true)));

    private int clean;
    private int notClean;

    /** Asserts both paths agree on the line; returns whether it was a verbatim clean record. */
    private boolean agree(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        Frame frame = new Frame(bytes, bytes.length, false);
        Classified onTree = classifier.classifyOnTree(frame);
        boolean treeSaysVerbatimClean = onTree instanceof Classified.Clean c && c.payload().json() != null;

        assertThat(classifier.cleanOnTokens(bytes)).as(line).isEqualTo(treeSaysVerbatimClean);
        Classified classified = classifier.classify(frame);
        // compared by hand first: AssertJ's deep comparison of trees is slow enough to matter over 30,000 lines
        if (!sameClassification(classified, onTree)) {
            assertThat(classified).as(line).usingRecursiveComparison().isEqualTo(onTree);
            assertThat(classified).as(line).isEqualTo(onTree);
        }
        if (treeSaysVerbatimClean) {
            clean++;
        } else {
            notClean++;
        }
        return treeSaysVerbatimClean;
    }

    private static boolean sameClassification(Classified classified, Classified onTree) {
        if (classified instanceof Classified.Clean c && onTree instanceof Classified.Clean expected) {
            return Arrays.equals(c.payload().json(), expected.payload().json())
                    && c.payload().tree().equals(expected.payload().tree());
        }
        if (classified instanceof Classified.Drifted d && onTree instanceof Classified.Drifted expected) {
            return d.drift().equals(expected.drift()) && d.record().equals(expected.record())
                    && Arrays.equals(d.line(), expected.line());
        }
        return classified.equals(onTree); // Rejected and Control are compared by value
    }

    @Test
    void chaosStreamsAndTheirMutationsAreClassifiedAsTheTreeWould() {
        for (long seed : new long[] {1, 2, 3}) {
            StreamSpec spec = StreamSpec.of(seed).withChaos(0.3).withSpikeSeconds(seed == 1 ? 0 : 5)
                    .withTags(seed != 3).withLimit(800);
            SplittableRandom random = new SplittableRandom(seed * 7919);
            new FarmStream(spec).lines().map(GeneratedLine::text).forEach(line -> {
                agree(line);
                for (int m = 0; m < 6; m++) {
                    agree(mutate(line, random));
                }
            });
        }
        // both answers were really exercised
        assertThat(clean).isGreaterThan(4_000); // 5,442 when written
        assertThat(notClean).isGreaterThan(9_000); // 11,358
    }

    /**
     * The clean record the hand-written edge cases edit: a single line item, null {@code po_number}, a trailing
     * {@code correlation_id}; each edit names the exact text it replaces, so this line is fixed here.
     */
    private static final String EDGE_CASE_BASE = """
            {"record_type":"invoice","source_system":"mulesoft","invoice_id":"INV-000001",\
            "vendor":{"name":"Acme Corp","vendor_id":"V-1001","tax_id":"12-3456789"},\
            "billing_address":{"street":"1 Main St","city":"Springfield","state":"IL","zip":"62701","country":"US"},\
            "invoice_date":"2024-01-15","due_date":"2024-02-14","currency":"USD",\
            "line_items":[{"description":"Widget","quantity":2,"unit_price":50.0,"line_total":100.0}],\
            "subtotal":100.0,"tax_rate":0.1,"tax_amount":10.0,"total_amount":110.0,"payment_status":"pending",\
            "po_number":null,"notes":null,"sync_timestamp":"2024-01-15T10:00:00Z","correlation_id":"c-1"}""";

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "\"currency\":\"USD\"->\"currency\":\"USD\",\"currency\":\"USD\"",
            "\"city\":\"Springfield\"->\"city\":\"Springfield\",\"city\":\"Springfield\"",
            "\"tax_id\":\"12-3456789\"->\"tax_id\":\"1\",\"tax_id\":\"12-3456789\"",
            "\"description\":\"Widget\"->\"description\":\"Widget\",\"description\":\"Widget\"",
            "\"correlation_id\":\"c-1\"->\"correlation_id\":{\"a\":[{\"b\":1,\"b\":1}]}",
            "\"correlation_id\":\"c-1\"->\"correlation_id\":\"c-1\",\"correlation_id\":\"c-1\"",
            "{\"record_type\"->{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":5,\"record_type\"",
            "\"invoice_id\":\"INV-000001\",->\"_chaos\":\"latency_spike_starting\",",
            "\"invoice_id\":\"INV-000001\",->\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":-1,",
            "\"invoice_id\":\"INV-000001\",->",
            "\"total_amount\":110.0->\"total_amount\":\"110.0\"",
            "\"quantity\":2->\"quantity\":\"2\"",
            "\"invoice_id\":\"INV-000001\"->\"invoice_id\":1",
            "\"total_amount\":110.0->\"total_amount\":null",
            "\"vendor_id\":\"V-1001\"->\"vendor_id\":null",
            "\"po_number\":null->\"po_number\":\"PO-1\"",
            "\"notes\":null,->",
            "\"po_number\":null,->",
            "\"line_items\":[{->\"line_items\":[],\"x\":[{",
            "\"line_items\":[{->\"line_items\":[null,{",
            "\"line_items\":[{->\"line_items\":{\"a\":[{",
            "\"INV-000001\"->\"INV-\\u0030\\u0030000\\u0031\"",
            "\"Acme Corp\"->\"Acme \\u00e9 \\ud83d\\ude00 Corp\"",
            "\"2024-01-15\"->\"2024-01-15T10:00:00+01:00\"",
            "\"2024-01-15\"->\"2024-13-15\"",
            "\"quantity\":2->\"quantity\":2e400",
            "\"quantity\":2->\"quantity\":-0.0",
            "\"c-1\"}->\"c-1\"} {}",
            "\"c-1\"}->\"c-1\"}{}",
            "\"c-1\"}->\"c-1\"}}",
            "\"c-1\"}->\"c-1\"} ",
            "{\"record_type\"->[{\"record_type\"",
            "\"c-1\"}->\"c-1\"",
            "{\"record_type\"-> {\"record_type\"",
            "\"Acme Corp\"->\"Acmé Corp\"",
            "\"subtotal\"->\r\"subtotal\"",
            ":->: ",
    })
    void handWrittenEdgeCasesAreClassifiedAsTheTreeWould(String edit) {
        String line = EDGE_CASE_BASE;
        if (!edit.isEmpty()) {
            String[] fromTo = edit.split("->", -1);
            assertThat(line).contains(fromTo[0]);
            line = line.replace(fromTo[0], fromTo[1]);
        }
        agree(line);
    }

    @Test
    void theEdgeCasesAreWhatTheySeem() {
        String line = EDGE_CASE_BASE;
        assertThat(agree(line)).isTrue();
        assertThat(agree(line.replace("\"INV-000001\"", "\"INV-\\u0030\\u0030000\\u0031\""))).isTrue();
        assertThat(agree(line.replace("\"line_items\":[{", "\"line_items\":[],\"x\":[{"))).isTrue();
        assertThat(agree(line.replace("{\"record_type\"", "{\"_chaos\":\"x\",\"record_type\""))).isTrue();
        assertThat(agree(line.replace("\"city\":\"Springfield\"", "\"city\":\"Springfield\",\"city\":\"Springfield\"")))
                .isFalse();
        assertThat(classifier.classify(frame(line.replace("\"invoice_id\":\"INV-000001\",", "\"_chaos\":\"x\","))))
                .isInstanceOf(Classified.Control.class);
    }

    private static Frame frame(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new Frame(bytes, bytes.length, false);
    }

    /** One seeded damage to a line: a kind of edit that sits near the border between clean and not. */
    private static String mutate(String line, SplittableRandom random) {
        if (line.isEmpty()) {
            return "{}";
        }
        List<Integer> colons = new ArrayList<>();
        List<Integer> commas = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':') {
                colons.add(i);
            } else if (line.charAt(i) == ',') {
                commas.add(i);
            }
        }
        int at = random.nextInt(line.length());
        int colon = colons.isEmpty() ? at : colons.get(random.nextInt(colons.size()));
        return switch (random.nextInt(14)) {
            case 0 -> line.substring(0, at) + line.substring(at + 1); // a byte lost
            case 1 -> line.substring(0, at) + "\"x,:{}[]0\\".charAt(random.nextInt(10)) + line.substring(at);
            case 2 -> duplicateAMember(line, commas, random);
            case 3 -> quoteAValue(line, colon); // "123" for 123, "\"a\"" for "a"
            case 4 -> nullAValue(line, colon);
            case 5 -> line.substring(0, random.nextInt(line.length())); // truncated
            case 6 -> escapeALetter(line, random);
            case 7 -> line + (random.nextBoolean() ? " {}" : "{\"a\":1}");
            case 8 -> line.replaceFirst("^\\{", "{\"_chaos\":\"latency_spike_starting\",");
            case 9 -> line.replaceFirst("\"invoice_id\":(\"[^\"]*\"|null|[0-9]+),?", "");
            case 10 -> line.replaceFirst("\"line_items\":\\[", "\"line_items\":[],\"old_items\":[");
            case 11 -> line.substring(0, at) + (random.nextBoolean() ? "\r" : "é") + line.substring(at);
            case 12 -> line.replaceFirst("\"po_number\":(null|\"[^\"]*\"),?", "");
            default -> line.replace(":", ": "); // whitespace: still the same record
        };
    }

    /** Copies a random {@code "name":scalar} member right after itself (at any depth). */
    private static String duplicateAMember(String line, List<Integer> commas, SplittableRandom random) {
        if (commas.isEmpty()) {
            return line;
        }
        int comma = commas.get(random.nextInt(commas.size()));
        int end = line.indexOf(',', comma + 1);
        if (end < 0) {
            return line;
        }
        String member = line.substring(comma + 1, end);
        return line.substring(0, end) + "," + member + line.substring(end);
    }

    private static String quoteAValue(String line, int colon) {
        int end = colon + 1;
        while (end < line.length() && ",}]".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        String value = line.substring(colon + 1, end);
        return line.substring(0, colon + 1) + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                + line.substring(end);
    }

    private static String nullAValue(String line, int colon) {
        int end = colon + 1;
        while (end < line.length() && ",}]".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return line.substring(0, colon + 1) + "null" + line.substring(end);
    }

    /** A letter inside the line written as its {@code \\u00XX} escape (a change of meaning outside a string). */
    private static String escapeALetter(String line, SplittableRandom random) {
        for (int tries = 0; tries < 20; tries++) {
            int at = random.nextInt(line.length());
            char c = line.charAt(at);
            if (Character.isLetterOrDigit(c) && c < 128) {
                return line.substring(0, at) + String.format("\\u%04x", (int) c) + line.substring(at + 1);
            }
        }
        return line;
    }
}
