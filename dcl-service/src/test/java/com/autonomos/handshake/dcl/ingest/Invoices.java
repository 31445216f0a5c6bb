package com.autonomos.handshake.dcl.ingest;

/** NDJSON lines for tests: invoices that conform to the full invoice contract, and damaged ones. */
final class Invoices {

    private Invoices() {
    }

    static String invoiceId(int n) {
        return String.format("INV-%06d", n);
    }

    /** A record that conforms to the invoice contract. */
    static String clean(String invoiceId) {
        return """
                {"record_type":"invoice","source_system":"mulesoft","invoice_id":"%s",\
                "vendor":{"name":"Acme Corp","vendor_id":"V-1001","tax_id":"12-3456789"},\
                "billing_address":{"street":"1 Main St","city":"Springfield","state":"IL","zip":"62701","country":"US"},\
                "invoice_date":"2024-01-15","due_date":"2024-02-14","currency":"USD",\
                "line_items":[{"description":"Widget","quantity":2,"unit_price":50.0,"line_total":100.0}],\
                "subtotal":100.0,"tax_rate":0.1,"tax_amount":10.0,"total_amount":110.0,"payment_status":"pending",\
                "po_number":null,"notes":null,"sync_timestamp":"2024-01-15T10:00:00Z","correlation_id":"c-1"}"""
                .formatted(invoiceId);
    }

    /** The clean record without its {@code vendor} object (drift: missing field). */
    static String withoutVendor(String invoiceId) {
        return clean(invoiceId).replace(
                "\"vendor\":{\"name\":\"Acme Corp\",\"vendor_id\":\"V-1001\",\"tax_id\":\"12-3456789\"},", "");
    }

    /** The clean record without {@code billing_address}. */
    static String withoutBillingAddress(String invoiceId) {
        return clean(invoiceId).replaceAll("\"billing_address\":\\{[^}]*},", "");
    }

    static String spike(int seconds) {
        return "{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":" + seconds + "}";
    }

    static String ndjson(Iterable<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
