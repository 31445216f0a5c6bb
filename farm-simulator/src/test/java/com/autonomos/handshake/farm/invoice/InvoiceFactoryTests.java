package com.autonomos.handshake.farm.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InvoiceFactoryTests {

    @Property(tries = 300)
    void theRecordOfTruthIsAPureFunctionOfTheInvoiceId(@ForAll @IntRange(min = 0, max = 999_999) int number) {
        String id = InvoiceFactory.invoiceId(number);

        assertThat(InvoiceFactory.recordOfTruth(id)).isEqualTo(InvoiceFactory.recordOfTruth(id));
        assertThat(InvoiceFactory.recordOfTruth(id).get("invoice_id").asString()).isEqualTo(id);
    }

    @Property(tries = 300)
    void amountsAddUpToTheCentWithTwoDecimals(@ForAll @IntRange(min = 0, max = 999_999) int number) {
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

    @Property(tries = 200)
    void everyInvoiceHasTheDocumentedFieldsAndIsoDates(@ForAll @IntRange(min = 0, max = 999_999) int number) {
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

    @Property
    void decimalsAreRenderedExactlyAsBigDecimalWouldPlainly(@ForAll @LongRange(min = -10_000_000_000L,
            max = 10_000_000_000L) long value, @ForAll @IntRange(min = 1, max = 6) int scale) {
        assertThat(InvoiceJson.decimal(value, scale)).isEqualTo(BigDecimal.valueOf(value, scale).toPlainString());
    }

    @Property(tries = 50)
    void displayAmountsUseDollarSignAndThousandsSeparators(@ForAll @LongRange(min = 0, max = 100_000_000_000L)
            long cents) {
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
