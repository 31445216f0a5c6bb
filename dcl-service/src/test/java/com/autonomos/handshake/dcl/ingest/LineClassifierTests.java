package com.autonomos.handshake.dcl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LineClassifierTests {

    private final LineClassifier classifier = new LineClassifier(new IngestProperties(DataSize.ofMegabytes(1),
            DataSize.ofBytes(64), 64, 100, 262144, Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10), 256, Duration.ofMillis(10), 1, 1024,
            new IngestProperties.Reconnect(Duration.ofMillis(200), Duration.ofSeconds(10), 0.5, true)));

    private Classified classify(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return classifier.classify(new Frame(bytes, bytes.length, false));
    }

    private static Classified.Rejected rejected(Classified c) {
        assertThat(c).isInstanceOf(Classified.Rejected.class);
        return (Classified.Rejected) c;
    }

    @Test
    void aTruncatedObjectIsMalformedWithTheParseErrorAsDetail() {
        Classified.Rejected r = rejected(classify("{\"invoice_id\":\"INV-000001\",\"vendor\":{\"na"));
        assertThat(r.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(r.detail()).isNotBlank();
        assertThat(r.raw()).isEqualTo("{\"invoice_id\":\"INV-000001\",\"vendor\":{\"na");
        assertThat(r.rawTruncated()).isFalse();
    }

    @Test
    void bareTextIsMalformed() {
        assertThat(rejected(classify("ERROR: upstream exploded")).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }

    @Test
    void trailingGarbageAfterAnObjectIsMalformed() {
        assertThat(rejected(classify("{\"a\":1} trailing")).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }

    @Test
    void anArrayAStringANumberAndNullAreNotObjects() {
        for (String line : new String[] {"[1,2,3]", "\"just a string\"", "42", "null"}) {
            assertThat(rejected(classify(line)).reason()).as(line).isEqualTo(DeadLetterReason.NOT_AN_OBJECT);
        }
    }

    @Test
    void aLatencySpikeAnnouncementIsControlWithItsDelay() {
        assertThat(classify(Invoices.spike(5))).isEqualTo(new Classified.Control("latency_spike_starting", 5));
    }

    @Test
    void anOverflowingOrHugeAnnouncedDelayIsClampedToTheMaximumStall() {
        for (String delay : List.of("9223372036854775807", "9223372036854775808", "1e300", "100000000")) {
            assertThat(classify("{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":" + delay + "}"))
                    .as(delay).isEqualTo(new Classified.Control("latency_spike_starting", 60));
        }
    }

    @Test
    void aNegativeOrNonNumericAnnouncedDelayIsDeadLetteredInvalidControl() {
        for (String delay : List.of("-1", "-9223372036854775808", "-1e300", "\"5\"", "{}")) {
            Classified c = classify("{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":" + delay + "}");
            assertThat(rejected(c).reason()).as(delay).isEqualTo(DeadLetterReason.INVALID_CONTROL);
        }
    }

    @Test
    void aChaosFieldOnARecordWithAnInvoiceIdIsData() {
        String line = Invoices.clean("INV-000001").replace("{\"record_type\"", "{\"_chaos\":\"x\",\"record_type\"");
        assertThat(classify(line)).isInstanceOf(Classified.Clean.class);
    }

    @Test
    void emptyAndWhitespaceOnlyLinesAreDeadLettersEmptyLine() {
        for (String line : new String[] {"", "  \t", "\r"}) {
            Classified.Rejected r = rejected(classify(line));
            assertThat(r.reason()).isEqualTo(DeadLetterReason.EMPTY_LINE);
            assertThat(r.raw()).isEqualTo(line);
            assertThat(r.detail()).isNotBlank();
        }
    }

    @Test
    void tenThousandDeepNestingIsTooLargeAndTruncatedToTheRawBound() {
        Classified.Rejected r = rejected(classify("[".repeat(10_000) + "]".repeat(10_000)));
        assertThat(r.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(r.detail()).contains("nesting depth");
        assertThat(r.raw()).hasSize(64);
        assertThat(r.rawTruncated()).isTrue();
    }

    @Test
    void aNumberLongerThanTheConstraintIsTooLarge() {
        Classified.Rejected r = rejected(classify("{\"total_amount\":" + "9".repeat(500) + "}"));
        assertThat(r.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
    }

    @Test
    void anOversizedFrameIsTooLarge() {
        byte[] head = "{\"x\":\"".getBytes(StandardCharsets.UTF_8);
        Classified.Rejected r = rejected(classifier.classify(new Frame(head, 5_000_000, true)));
        assertThat(r.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(r.detail()).isEqualTo("line of 5000000 bytes exceeds max-line-bytes 1048576");
        assertThat(r.rawTruncated()).isTrue();
    }

    @Test
    void aConformingInvoiceIsClean() {
        assertThat(classify(Invoices.clean("INV-000001"))).isInstanceOf(Classified.Clean.class);
    }

    @Test
    void aMissingVendorIsDriftNamingTheField() {
        Classified c = classify(Invoices.withoutVendor("INV-000002"));
        assertThat(c).isInstanceOf(Classified.Drifted.class);
        assertThat(((Classified.Drifted) c).drift()).contains(new DriftItem("vendor", DriftKind.MISSING, null));
    }

    private Classified.Clean clean(String line) {
        Classified c = classify(line);
        assertThat(c).isInstanceOf(Classified.Clean.class);
        return (Classified.Clean) c;
    }

    @Test
    void aCleanAsciiObjectLineIsKeptVerbatimForTheSink() {
        String line = Invoices.clean("INV-000003");
        assertThat(clean(line).payload().json()).isEqualTo(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDuplicatePropertyIsStillCleanWithTheLastValueButNotKeptVerbatim() {
        String line = Invoices.clean("INV-000004").replace("\"currency\":\"USD\"",
                "\"currency\":\"EUR\",\"currency\":\"USD\"");
        Classified.Clean c = clean(line);
        assertThat(c.payload().tree().get("currency").asString()).isEqualTo("USD");
        assertThat(c.payload().json()).isNull();
    }

    @Test
    void aDuplicatePropertyInANestedObjectIsNotKeptVerbatim() {
        String line = Invoices.clean("INV-000005").replace("\"city\":\"Springfield\"",
                "\"city\":\"Shelbyville\",\"city\":\"Springfield\"");
        Classified.Clean c = clean(line);
        assertThat(c.payload().tree().get("billing_address").get("city").asString()).isEqualTo("Springfield");
        assertThat(c.payload().json()).isNull();
    }

    @Test
    void nonAsciiTextACarriageReturnOrSurroundingBlanksAreNotKeptVerbatim() {
        String line = Invoices.clean("INV-000006");
        assertThat(clean(line.replace("Acme Supplies", "Acmé Supplies")).payload().json()).isNull();
        assertThat(clean(line.replace(",\"currency\"", ",\r\"currency\"")).payload().json()).isNull();
        assertThat(clean(" " + line).payload().json()).isNull();
        assertThat(clean(line + "\t").payload().json()).isNull();
    }

    @Test
    void aCarriageReturnOrANonAsciiByteAnywhereInTheLineRulesOutVerbatim() {
        byte[] line = "{\"a\":\"0123456789abcdefghijklmnopqrstuvwxyz\"}".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineClassifier.verbatim(line)).isTrue();
        for (int i = 1; i < line.length - 1; i++) {
            for (byte bad : new byte[] {'\r', (byte) 0xC3, (byte) 0x80}) {
                byte[] copy = line.clone();
                copy[i] = bad;
                assertThat(LineClassifier.verbatim(copy)).as("byte %d at %d", bad, i).isFalse();
            }
        }
    }

    @Test
    void aDuplicateBeforeASyntaxErrorIsMalformedWithTheSyntaxErrorAsDetail() {
        Classified.Rejected withDuplicate = rejected(classify("{\"a\":1,\"a\":2,\"b\":tru}"));
        Classified.Rejected without = rejected(classify("{\"a\":1,\"c\":2,\"b\":tru}"));
        assertThat(withDuplicate.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(withDuplicate.detail()).isEqualTo(without.detail()).doesNotContain("Duplicate");
    }

    @Test
    void aDuplicateWithTrailingGarbageIsMalformed() {
        assertThat(rejected(classify("{\"a\":1,\"a\":2} trailing")).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }
}
