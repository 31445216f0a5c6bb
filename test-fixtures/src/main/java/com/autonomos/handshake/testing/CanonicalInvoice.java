package com.autonomos.handshake.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one clean invoice the tests of every module use: as the Farm streams it (one NDJSON line that conforms to the
 * full invoice contract, three line items, a {@code po_number} set) and as the Farm's source of truth answers for
 * it (which differs from the stream in fields that did not drift).
 */
public final class CanonicalInvoice {

    /** The invoice id of {@link #line()}. */
    public static final String ID = "INV-004217";

    /** The mapper the fixtures read with; a test that compares with what they give should read with it too. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STREAMED = """
            {"record_type":"invoice","source_system":"mulesoft","invoice_id":"%s",\
            "vendor":{"name":"Acme Supplies","vendor_id":"V-1042","tax_id":"12-3456789"},\
            "billing_address":{"street":"1 Main St","city":"Springfield","state":"IL","zip":"62701","country":"US"},\
            "invoice_date":"2024-03-01","due_date":"2024-03-31T00:00:00Z","currency":"USD",\
            "line_items":[{"description":"Widget","quantity":3,"unit_price":10.5,"line_total":31.5},\
            {"description":"Gadget","quantity":1,"unit_price":100,"line_total":100},\
            {"description":"Gizmo","quantity":2,"unit_price":7.25,"line_total":14.5}],\
            "subtotal":146.0,"tax_rate":0.08,"tax_amount":11.68,"total_amount":157.68,\
            "payment_status":"pending","po_number":"PO-7781","notes":null,\
            "sync_timestamp":"2024-03-01T12:00:00.123456","correlation_id":"c0ffee",\
            "_stream_meta":{"record_number":17,"chaos_mode":true}}""";

    private static final String TRUTH_ANSWER = """
            {"source":"salesforce_master","lookup_timestamp":"2024-03-01T12:00:01Z","invoice":\
            {"record_type":"invoice","source_system":"salesforce","invoice_id":"%s",\
            "vendor":{"name":"Acme Supplies Inc.","vendor_id":"V-1042","tax_id":"12-3456789"},\
            "billing_address":{"street":"500 Market St","city":"San Francisco","state":"CA","zip":"94105","country":"US"},\
            "invoice_date":"2024-03-01","due_date":"2024-03-31T00:00:00Z","currency":"USD",\
            "line_items":[{"description":"Widget","quantity":3,"unit_price":10.5,"line_total":31.5},\
            {"description":"Gadget","quantity":1,"unit_price":100,"line_total":100},\
            {"description":"Gizmo","quantity":2,"unit_price":7.25,"line_total":14.5}],\
            "subtotal":146.0,"tax_rate":0.08,"tax_amount":11.68,"total_amount":157.68,\
            "payment_status":"paid","po_number":"PO-7781","notes":null}}""";

    private CanonicalInvoice() {
    }

    /** The invoice as one NDJSON line (no line break), with the id {@link #ID}. */
    public static String line() {
        return line(ID);
    }

    /** The invoice as one NDJSON line (no line break) under another invoice id. */
    public static String line(String invoiceId) {
        return STREAMED.formatted(invoiceId);
    }

    /** The invoice as a fresh tree, free to change. */
    public static ObjectNode node() {
        return node(ID);
    }

    public static ObjectNode node(String invoiceId) {
        return (ObjectNode) JSON.readTree(line(invoiceId));
    }

    /** The Farm's source-of-truth answer ({@code GET /api/source/salesforce/invoice/{id}}) for the invoice. */
    public static String truthAnswer(String invoiceId) {
        return TRUTH_ANSWER.formatted(invoiceId);
    }

    /** The record of truth alone, the {@code invoice} of {@link #truthAnswer(String)}. */
    public static ObjectNode truth(String invoiceId) {
        return (ObjectNode) JSON.readTree(truthAnswer(invoiceId)).get("invoice");
    }

    /** The Farm's verify answer ({@code POST /api/verify/...}) for a record that matches its truth. */
    public static String verifiedAnswer(String invoiceId) {
        return """
                {"verified":true,"quality_score":100,"invoice_id":"%s","mismatches":[],"message":"Record verified"}\
                """.formatted(invoiceId);
    }
}
