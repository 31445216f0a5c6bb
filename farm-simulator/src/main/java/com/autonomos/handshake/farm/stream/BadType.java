package com.autonomos.handshake.farm.stream;

import com.autonomos.handshake.farm.invoice.Invoice;
import com.autonomos.handshake.farm.invoice.InvoiceJson;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The wrong-type damages of a BAD_TYPE line: one value of the clean record replaced by one of the wrong type. */
enum BadType {
    AMOUNT_AS_WORD("amount_as_word", "total_amount") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("total_amount", "THREE");
        }
    },
    AMOUNT_AS_CURRENCY_STRING("amount_as_currency_string", "total_amount") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("total_amount", InvoiceJson.displayAmount(invoice.totalAmountCents()));
        }
    },
    AMOUNT_EMPTY("amount_empty_string", "total_amount") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("total_amount", "");
        }
    },
    AMOUNT_NULL("amount_null", "total_amount") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.putNull("total_amount");
        }
    },
    DATE_NOT_A_DATE("date_not_a_date", "invoice_date") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("invoice_date", "not-a-date");
        }
    },
    DATE_AS_NUMBER("date_as_number", "due_date") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("due_date", 12345);
        }
    },
    VENDOR_AS_STRING("vendor_as_string", "vendor") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.put("vendor", invoice.vendor().name());
        }
    },
    LINE_ITEMS_NOT_ARRAY("line_items_not_array", "line_items") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            // What an XML-to-JSON mapping does to a one-element list.
            record.set("line_items", record.get("line_items").get(0));
        }
    },
    INVOICE_ID_NULL("invoice_id_null", "invoice_id") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.putNull("invoice_id");
        }
    },
    VENDOR_NULL("vendor_null", "vendor") {
        @Override
        void apply(ObjectNode record, Invoice invoice) {
            record.putNull("vendor");
        }
    };

    private final String tag;
    private final List<String> damagedFields;

    BadType(String tag, String field) {
        this.tag = tag;
        this.damagedFields = List.of(field);
    }

    abstract void apply(ObjectNode record, Invoice invoice);

    /** The value of {@code _chaos_injected}. */
    String tag() {
        return tag;
    }

    List<String> damagedFields() {
        return damagedFields;
    }
}
