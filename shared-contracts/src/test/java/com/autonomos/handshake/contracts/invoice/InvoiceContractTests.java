package com.autonomos.handshake.contracts.invoice;

import static com.autonomos.handshake.contracts.ingest.DriftKind.INVALID;
import static com.autonomos.handshake.contracts.ingest.DriftKind.MISSING;
import static com.autonomos.handshake.contracts.ingest.DriftKind.NULL;
import static com.autonomos.handshake.contracts.ingest.DriftKind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import com.autonomos.handshake.testing.CanonicalInvoice;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class InvoiceContractTests {

    @Test
    void aCleanFarmRecordHasNoDrift() {
        assertThat(InvoiceContract.check(CanonicalInvoice.node())).isEmpty();
    }

    /** One row per kind of damage the Farm's chaos mode injects (ARCHITECTURE.md), plus the edges of each rule. */
    static Stream<Arguments> damagedRecords() {
        return Stream.of(
                // bad types
                row("amount as a word", r -> r.put("total_amount", "THREE"),
                        item("total_amount", WRONG_TYPE, "\"THREE\"")),
                row("amount as a formatted string", r -> r.put("subtotal", "$1,234.56"),
                        item("subtotal", WRONG_TYPE, "\"$1,234.56\"")),
                row("amount as an empty string", r -> r.put("tax_amount", ""),
                        item("tax_amount", WRONG_TYPE, "\"\"")),
                row("amount null", r -> r.putNull("total_amount"), item("total_amount", NULL, "null")),
                row("tax rate as a boolean", r -> r.put("tax_rate", true), item("tax_rate", WRONG_TYPE, "true")),
                row("date not a date", r -> r.put("invoice_date", "not-a-date"),
                        item("invoice_date", INVALID, "\"not-a-date\"")),
                row("date as a number", r -> r.put("due_date", 12345), item("due_date", WRONG_TYPE, "12345")),
                row("impossible calendar date", r -> r.put("invoice_date", "2023-02-29"),
                        item("invoice_date", INVALID, "\"2023-02-29\"")),
                row("vendor as a string", r -> r.put("vendor", "Acme Supplies"),
                        item("vendor", WRONG_TYPE, "\"Acme Supplies\"")),
                row("line_items an object", r -> r.putObject("line_items").put("quantity", 1),
                        item("line_items", WRONG_TYPE, "{\"quantity\":1}")),
                row("line_items a string", r -> r.put("line_items", "none"),
                        item("line_items", WRONG_TYPE, "\"none\"")),
                row("invoice_id null", r -> r.putNull("invoice_id"), item("invoice_id", NULL, "null")),
                row("vendor null", r -> r.putNull("vendor"), item("vendor", NULL, "null")),
                // drift
                row("missing vendor.vendor_id", r -> ((ObjectNode) r.get("vendor")).remove("vendor_id"),
                        item("vendor.vendor_id", MISSING, null)),
                row("missing billing_address", r -> r.remove("billing_address"),
                        item("billing_address", MISSING, null)),
                row("missing vendor", r -> r.remove("vendor"), item("vendor", MISSING, null)),
                row("several at once including po_number", r -> {
                    ((ObjectNode) r.get("vendor")).remove("vendor_id");
                    r.remove("billing_address");
                    r.remove("po_number");
                }, item("vendor.vendor_id", MISSING, null), item("billing_address", MISSING, null),
                        item("po_number", MISSING, null)),
                // edges of each rule
                row("nested field null", r -> ((ObjectNode) r.get("billing_address")).putNull("zip"),
                        item("billing_address.zip", NULL, "null")),
                row("nested field of the wrong type", r -> ((ObjectNode) r.get("vendor")).put("name", 42),
                        item("vendor.name", WRONG_TYPE, "42")),
                row("line item quantity as a string", r -> lineItem(r, 2).put("quantity", "3"),
                        item("line_items[2].quantity", WRONG_TYPE, "\"3\"")),
                row("line item unit_price missing", r -> lineItem(r, 0).remove("unit_price"),
                        item("line_items[0].unit_price", MISSING, null)),
                row("line item not an object", r -> ((ArrayNode) r.get("line_items")).set(1, 5),
                        item("line_items[1]", WRONG_TYPE, "5")),
                row("invoice_id without digits", r -> r.put("invoice_id", "INV-"),
                        item("invoice_id", INVALID, "\"INV-\"")),
                row("invoice_id lower case", r -> r.put("invoice_id", "inv-004217"),
                        item("invoice_id", INVALID, "\"inv-004217\"")),
                row("invoice_id with a letter", r -> r.put("invoice_id", "INV-00421x"),
                        item("invoice_id", INVALID, "\"INV-00421x\"")),
                row("invoice_id as a number", r -> r.put("invoice_id", 4217), item("invoice_id", WRONG_TYPE, "4217")),
                row("currency missing", r -> r.remove("currency"), item("currency", MISSING, null)),
                row("record_type missing", r -> r.remove("record_type"), item("record_type", MISSING, null)),
                row("payment_status as an array", r -> r.putArray("payment_status"),
                        item("payment_status", WRONG_TYPE, "[]")),
                row("po_number as a number", r -> r.put("po_number", 7781), item("po_number", WRONG_TYPE, "7781")),
                row("notes as an object", r -> r.putObject("notes"), item("notes", WRONG_TYPE, "{}")),
                // not drift
                row("po_number null is allowed", r -> r.putNull("po_number")),
                row("notes missing is allowed", r -> r.remove("notes")),
                row("notes text is allowed", r -> r.put("notes", "deliver to dock 4")),
                row("unknown extra fields are kept and never reported", r -> {
                    r.put("discount_code", "SPRING");
                    r.putObject("vendor_extra").put("x", 1);
                    ((ObjectNode) r.get("vendor")).put("rating", 5);
                }),
                row("an empty line_items array is allowed", r -> r.putArray("line_items")),
                row("chaos tags on a clean record are ignored", r -> {
                    r.put("_chaos_injected", "drift");
                    r.put("_drift_type", "missing_vendor");
                }),
                row("chaos tags never hide real drift", r -> {
                    r.put("_chaos_injected", false);
                    r.remove("due_date");
                }, item("due_date", MISSING, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedRecords")
    void checkReportsExactlyTheDamage(String name, Consumer<ObjectNode> damage, List<DriftItem> expected) {
        ObjectNode record = CanonicalInvoice.node();
        damage.accept(record);

        assertThat(InvoiceContract.check(record)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "2024-03-01T10:15", "2024-03-01T10:15:30", "2024-03-01T10:15:30.123456",
            "2024-03-01T10:15:30Z", "2024-03-01T10:15:30.5+05:30", "2024-03-01T23:59:59-08:00",
            "2024-03-01T10:15:30+0530", "2024-03-01T10:15:30+05"})
    void isoDatesAndDateTimesAreAccepted(String value) {
        assertThat(InvoiceContract.isIsoDateOrDateTime(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-date", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "20240301",
            "2024-3-1", "2024-03-01 10:15:30", "2024-03-01T24:00", "2024-03-01T10:60", "2024-03-01T10:15:61",
            "2024-03-01T10:15:30.", "2024-03-01T10:15:30.1234567890", "2024-03-01T10:15:30+5:30",
            "2024-03-01T10:15:30ZZ", "2024-03-01T", "2024-03-01Z", "03/01/2024"})
    void malformedDatesAreRejected(String value) {
        assertThat(InvoiceContract.isIsoDateOrDateTime(value)).isFalse();
    }

    @Test
    void observedValuesAreCutTo200Characters() {
        ObjectNode record = CanonicalInvoice.node();
        record.put("invoice_date", "x".repeat(5_000));

        DriftItem item = InvoiceContract.check(record).get(0);

        assertThat(item.field()).isEqualTo("invoice_date");
        assertThat(item.kind()).isEqualTo(INVALID);
        assertThat(item.observed()).hasSize(200).isEqualTo("\"" + "x".repeat(199));
    }

    @Test
    void observedObjectsAreCompactJson() {
        ObjectNode record = CanonicalInvoice.node();
        record.putObject("line_items").put("a", 1).putArray("b").add(2);

        assertThat(InvoiceContract.check(record))
                .containsExactly(item("line_items", WRONG_TYPE, "{\"a\":1,\"b\":[2]}"));
    }

    @Test
    void anEmptyRecordMissesEveryRequiredFieldOnceAndNoChildren() {
        List<DriftItem> drift = InvoiceContract.check((ObjectNode) CanonicalInvoice.JSON.readTree("{}"));

        assertThat(drift).extracting(DriftItem::field).containsExactly("invoice_id", "vendor", "billing_address",
                "invoice_date", "due_date", "currency", "line_items", "subtotal", "tax_rate", "tax_amount",
                "total_amount", "payment_status", "record_type", "po_number");
        assertThat(drift).extracting(DriftItem::kind).containsOnly(MISSING);
    }

    @Test
    void aNonObjectIsRefusedBecauseThePipelineDeadLettersItFirst() {
        assertThatThrownBy(() -> InvoiceContract.check(CanonicalInvoice.JSON.readTree("[1,2]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INV-1", "INV-004217", "INV-99999999999999999999"})
    void invoiceIdsWithPrefixAndDigitsAreUsable(String id) {
        assertThat(InvoiceContract.isInvoiceId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INV-", "INV", "inv-1", "INV-1a", "INV--1", " INV-1", "INV-1 ", "INV-١٢"})
    void otherInvoiceIdsAreNotUsable(String id) {
        assertThat(InvoiceContract.isInvoiceId(id)).isFalse();
    }

    private static ObjectNode lineItem(ObjectNode record, int index) {
        return (ObjectNode) record.get("line_items").get(index);
    }

    private static Arguments row(String name, Consumer<ObjectNode> damage, DriftItem... expected) {
        return arguments(name, damage, List.of(expected));
    }

    private static DriftItem item(String field, DriftKind kind, String observed) {
        return new DriftItem(field, kind, observed);
    }
}
