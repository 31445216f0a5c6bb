package com.autonomos.handshake.contracts.invoice;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A clean invoice as the Farm streams it (three line items, a null po_number is allowed but this one is set). */
final class InvoiceFixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    static final String VALID = """
            {"record_type":"invoice","source_system":"mulesoft","invoice_id":"INV-004217",
             "vendor":{"name":"Acme Supplies","vendor_id":"V-1042","tax_id":"12-3456789"},
             "billing_address":{"street":"1 Main St","city":"Springfield","state":"IL","zip":"62701","country":"US"},
             "invoice_date":"2024-03-01","due_date":"2024-03-31T00:00:00Z","currency":"USD",
             "line_items":[{"description":"Widget","quantity":3,"unit_price":10.5,"line_total":31.5},
                           {"description":"Gadget","quantity":1,"unit_price":100,"line_total":100},
                           {"description":"Gizmo","quantity":2,"unit_price":7.25,"line_total":14.5}],
             "subtotal":146.0,"tax_rate":0.08,"tax_amount":11.68,"total_amount":157.68,
             "payment_status":"pending","po_number":"PO-7781","notes":null,
             "sync_timestamp":"2024-03-01T12:00:00.123456","correlation_id":"c0ffee",
             "_stream_meta":{"record_number":17,"chaos_mode":true}}
            """;

    private InvoiceFixtures() {
    }

    static ObjectNode valid() {
        return (ObjectNode) JSON.readTree(VALID);
    }

    static ObjectNode parse(String json) {
        return (ObjectNode) JSON.readTree(json);
    }
}
