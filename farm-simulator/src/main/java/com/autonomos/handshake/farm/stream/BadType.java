package com.autonomos.handshake.farm.stream;

import com.autonomos.handshake.farm.invoice.Invoice;
import com.autonomos.handshake.farm.invoice.InvoiceJson;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wrong-type damages of a BAD_TYPE line: one value of the clean record replaced by one of the wrong type (or
 * null). With {@link Truth#ID} the damage also hits a related field the same way, as the public Farm's does
 * ({@code subtotal} with {@code total_amount}, {@code invoice_date} with {@code due_date}, ...).
 */
enum BadType {
    AMOUNT_AS_WORD("amount_as_word", "total_amount", "subtotal") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.put(field, "THREE");
        }
    },
    AMOUNT_AS_CURRENCY_STRING("amount_as_currency_string", "total_amount", "subtotal") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            JsonNode amount = record.get(field);
            long cents = amount.decimalValue().movePointRight(2).longValue();
            record.put(field, InvoiceJson.displayAmount(cents));
        }
    },
    AMOUNT_EMPTY("amount_empty_string", "total_amount", "tax_amount") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.put(field, "");
        }
    },
    AMOUNT_NULL("amount_null", "total_amount", "subtotal") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.putNull(field);
        }
    },
    DATE_NOT_A_DATE("date_not_a_date", "invoice_date", "due_date") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.put(field, "not-a-date");
        }
    },
    DATE_AS_NUMBER("date_as_number", "due_date", "invoice_date") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.put(field, 12345);
        }
    },
    VENDOR_AS_STRING("vendor_as_string", "vendor", "billing_address") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.put(field, "vendor".equals(field) ? invoice.vendor().name()
                    : invoice.billingAddress().street() + ", " + invoice.billingAddress().city());
        }
    },
    LINE_ITEMS_NOT_ARRAY("line_items_not_array", "line_items", "tax_amount") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            if ("line_items".equals(field)) {
                // What an XML-to-JSON mapping does to a one-element list.
                record.set(field, record.get(field).get(0));
            } else {
                record.put(field, "N/A");
            }
        }
    },
    INVOICE_ID_NULL("invoice_id_null", "invoice_id", "total_amount") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.putNull(field);
        }
    },
    VENDOR_NULL("vendor_null", "vendor", "billing_address") {
        @Override
        void damage(ObjectNode record, String field, Invoice invoice) {
            record.putNull(field);
        }
    };

    private final String tag;
    private final String field;
    private final String companion;

    BadType(String tag, String field, String companion) {
        this.tag = tag;
        this.field = field;
        this.companion = companion;
    }

    /** Puts a wrong-typed value into {@code field} of {@code record}. */
    abstract void damage(ObjectNode record, String field, Invoice invoice);

    /** Damages the record: one field, or with {@code paired} the field and its companion. */
    void apply(ObjectNode record, Invoice invoice, boolean paired) {
        damage(record, field, invoice);
        if (paired) {
            damage(record, companion, invoice);
        }
    }

    /** The value of {@code _chaos_injected}. */
    String tag() {
        return tag;
    }

    List<String> damagedFields(boolean paired) {
        return paired ? List.of(field, companion) : List.of(field);
    }
}
