package com.autonomos.handshake.farm.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InvoiceFactoryTests {

    /*
     * Property tests as generated cases: the range bounds (and 0, 1, -1 where in range) first, then cases whose values
     * derive from their own seed, drawn from a fixed base seed. Every run checks the same cases; a case's display name
     * shows its values and its seed ("edge" when the case is an explicit bound).
     */
    private static final long BASE_SEED = 0x1A7E_5EEDL;
    private static final int MAX_INVOICE_NUMBER = 999_999;
    private static final long MAX_DECIMAL = 10_000_000_000L;
    private static final long MAX_CENTS = 100_000_000_000L;

    /** Invoice numbers within [0, 999999]: its bounds and 1, then values drawn from their seeds. */
    static Stream<Arguments> invoiceNumbers(int tries) {
        return Stream.concat(
                Stream.of(0, 1, MAX_INVOICE_NUMBER).map(number -> Arguments.of(edge(), number)),
                seeds(tries - 3).mapToObj(seed -> Arguments.of(seed,
                        new SplittableRandom(seed).nextInt(0, MAX_INVOICE_NUMBER + 1))));
    }

    static Stream<Arguments> threeHundredInvoiceNumbers() {
        return invoiceNumbers(300);
    }

    static Stream<Arguments> twoHundredInvoiceNumbers() {
        return invoiceNumbers(200);
    }

    /** 1000 (value, scale) pairs within [-1e10, 1e10] x [1, 6]: every pair of edges, then pairs drawn from seeds. */
    static Stream<Arguments> decimalsAndScales() {
        Stream<Arguments> edges = LongStream.of(-MAX_DECIMAL, -1, 0, 1, MAX_DECIMAL).boxed()
                .flatMap(value -> Stream.of(1, 6).map(scale -> Arguments.of(edge(), value, scale)));
        return Stream.concat(edges, seeds(1000 - 10).mapToObj(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            return Arguments.of(seed, random.nextLong(-MAX_DECIMAL, MAX_DECIMAL + 1), random.nextInt(1, 7));
        }));
    }

    /** 50 amounts within [0, 1e11] cents: its bounds and 1, then values drawn from their seeds. */
    static Stream<Arguments> centAmounts() {
        return Stream.concat(
                LongStream.of(0, 1, MAX_CENTS).mapToObj(cents -> Arguments.of(edge(), cents)),
                seeds(50 - 3).mapToObj(seed -> Arguments.of(seed,
                        new SplittableRandom(seed).nextLong(0, MAX_CENTS + 1))));
    }

    private static LongStream seeds(int count) {
        SplittableRandom base = new SplittableRandom(BASE_SEED);
        return LongStream.generate(base::nextLong).limit(count);
    }

    private static Named<Long> edge() {
        return Named.of("edge", 0L);
    }

    @ParameterizedTest(name = "number={1} seed={0}")
    @MethodSource("threeHundredInvoiceNumbers")
    void theTreeOfAnInvoiceIsItsRenderingReadBack(long seed, int number) {
        String id = InvoiceFactory.invoiceId(number);
        for (Invoice invoice : List.of(InvoiceFactory.create(id), InvoiceFactory.create(id, seed))) {
            var rendered = new StringWriter();
            try (JsonGenerator g = InvoiceJson.MAPPER.createGenerator(rendered)) {
                g.writeStartObject();
                InvoiceJson.writeProperties(g, invoice);
                g.writeEndObject();
            }

            ObjectNode tree = InvoiceJson.toTree(invoice);

            assertThat(tree).isEqualTo(InvoiceJson.MAPPER.readTree(rendered.toString()));
            assertThat(InvoiceJson.MAPPER.writeValueAsString(tree)).isEqualTo(rendered.toString());
        }
    }

    @ParameterizedTest(name = "number={1} seed={0}")
    @MethodSource("threeHundredInvoiceNumbers")
    void theRecordOfTruthIsAPureFunctionOfTheInvoiceId(long seed, int number) {
        String id = InvoiceFactory.invoiceId(number);

        assertThat(InvoiceFactory.recordOfTruth(id)).isEqualTo(InvoiceFactory.recordOfTruth(id));
        assertThat(InvoiceFactory.recordOfTruth(id).get("invoice_id").asString()).isEqualTo(id);
    }

    @ParameterizedTest(name = "number={1} seed={0}")
    @MethodSource("threeHundredInvoiceNumbers")
    void amountsAddUpToTheCentWithTwoDecimals(long seed, int number) {
        ObjectNode truth = InvoiceFactory.recordOfTruth(InvoiceFactory.invoiceId(number));

        BigDecimal subtotal = BigDecimal.ZERO;
        for (JsonNode item : truth.get("line_items")) {
            BigDecimal lineTotal = item.get("unit_price").decimalValue()
                    .multiply(BigDecimal.valueOf(item.get("quantity").intValue()));
            assertThat(item.get("line_total").decimalValue()).isEqualByComparingTo(lineTotal);
            assertThat(item.get("line_total").decimalValue().scale()).isEqualTo(2);
            subtotal = subtotal.add(lineTotal);
        }
        BigDecimal tax = subtotal.multiply(truth.get("tax_rate").decimalValue()).setScale(2, RoundingMode.HALF_UP);
        assertThat(truth.get("subtotal").decimalValue()).isEqualByComparingTo(subtotal);
        assertThat(truth.get("tax_amount").decimalValue()).isEqualByComparingTo(tax);
        assertThat(truth.get("total_amount").decimalValue()).isEqualByComparingTo(subtotal.add(tax));
        assertThat(truth.get("total_amount").decimalValue().scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "number={1} seed={0}")
    @MethodSource("twoHundredInvoiceNumbers")
    void everyInvoiceHasTheDocumentedFieldsAndIsoDates(long seed, int number) {
        ObjectNode truth = InvoiceFactory.recordOfTruth(InvoiceFactory.invoiceId(number));

        assertThat(truth.propertyNames()).containsExactly("record_type", "source_system", "invoice_id", "vendor",
                "billing_address", "invoice_date", "due_date", "currency", "line_items", "subtotal", "tax_rate",
                "tax_amount", "total_amount", "payment_status", "po_number", "notes");
        assertThat(truth.get("vendor").propertyNames()).containsExactly("name", "vendor_id", "tax_id");
        assertThat(truth.get("billing_address").propertyNames())
                .containsExactly("street", "city", "state", "zip", "country");
        LocalDate invoiceDate = LocalDate.parse(truth.get("invoice_date").asString());
        assertThat(LocalDate.parse(truth.get("due_date").asString())).isAfter(invoiceDate);
        assertThat(truth.get("line_items").isArray()).isTrue();
        assertThat(truth.get("line_items").size()).isBetween(1, 4);
    }

    @ParameterizedTest(name = "value={1} scale={2} seed={0}")
    @MethodSource("decimalsAndScales")
    void decimalsAreRenderedExactlyAsBigDecimalWouldPlainly(long seed, long value, int scale) {
        assertThat(InvoiceJson.decimal(value, scale)).isEqualTo(BigDecimal.valueOf(value, scale).toPlainString());
    }

    @ParameterizedTest(name = "cents={1} seed={0}")
    @MethodSource("centAmounts")
    void displayAmountsUseDollarSignAndThousandsSeparators(long seed, long cents) {
        String expected = String.format(Locale.US, "$%,.2f", BigDecimal.valueOf(cents, 2));

        assertThat(InvoiceJson.displayAmount(cents)).isEqualTo(expected);
    }

    @Test
    void onlyInvPlusSixDigitsIsAnInvoiceId() {
        assertThat(InvoiceFactory.isInvoiceId("INV-000123")).isTrue();
        assertThat(InvoiceFactory.isInvoiceId("INV-12345")).isFalse();
        assertThat(InvoiceFactory.isInvoiceId("INV-1234567")).isFalse();
        assertThat(InvoiceFactory.isInvoiceId("inv-123456")).isFalse();
        assertThat(InvoiceFactory.isInvoiceId("INV-12345a")).isFalse();
        assertThat(InvoiceFactory.isInvoiceId(null)).isFalse();
        assertThatThrownBy(() -> InvoiceFactory.create("INV-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
