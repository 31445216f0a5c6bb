package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.testing.CanonicalInvoice;

/** NDJSON lines for tests: the canonical invoice under any id, damaged copies of it, and chaos lines. */
final class Invoices {

    private Invoices() {
    }

    static String invoiceId(int n) {
        return String.format("INV-%06d", n);
    }

    /** A record that conforms to the invoice contract: the canonical invoice, on one line. */
    static String clean(String invoiceId) {
        return CanonicalInvoice.line(invoiceId);
    }

    /** The clean record without its {@code vendor} object (drift: missing field). */
    static String withoutVendor(String invoiceId) {
        return clean(invoiceId).replaceAll("\"vendor\":\\{[^}]*},", "");
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
