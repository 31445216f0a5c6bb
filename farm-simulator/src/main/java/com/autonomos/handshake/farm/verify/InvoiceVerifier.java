package com.autonomos.handshake.farm.verify;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.Mismatch;
import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares an invoice with the record of truth on the four fields the Farm checks: {@code vendor.vendor_id},
 * {@code billing_address} (the whole object), {@code total_amount} (as a number) and {@code invoice_date}.
 */
final class InvoiceVerifier {

    static final int CHECKED_FIELDS = 4;

    private InvoiceVerifier() {
    }

    /** {@code invoice} must carry a valid {@code invoice_id}. */
    static VerifyResult verify(String invoiceId, JsonNode invoice) {
        ObjectNode truth = InvoiceFactory.recordOfTruth(invoiceId);
        List<Mismatch> mismatches = new ArrayList<>(CHECKED_FIELDS);
        compare("vendor.vendor_id", truth.path("vendor").get("vendor_id"), objectField(invoice, "vendor", "vendor_id"),
                mismatches);
        compare("billing_address", truth.get("billing_address"), invoice.get("billing_address"), mismatches);
        compareAmount("total_amount", truth.get("total_amount"), invoice.get("total_amount"), mismatches);
        compare("invoice_date", truth.get("invoice_date"), invoice.get("invoice_date"), mismatches);
        int matching = CHECKED_FIELDS - mismatches.size();
        double score = Math.round(100.0 * matching / CHECKED_FIELDS);
        String message = mismatches.isEmpty()
                ? "All " + CHECKED_FIELDS + " checked fields match the record of truth"
                : mismatches.size() + " of " + CHECKED_FIELDS + " checked fields differ from the record of truth: "
                        + String.join(", ", mismatches.stream().map(Mismatch::field).toList());
        return new VerifyResult(mismatches.isEmpty(), score, invoiceId, List.copyOf(mismatches), message);
    }

    private static JsonNode objectField(JsonNode invoice, String object, String field) {
        JsonNode parent = invoice.get(object);
        return parent != null && parent.isObject() ? parent.get(field) : null;
    }

    private static void compare(String field, JsonNode expected, JsonNode received, List<Mismatch> mismatches) {
        if (!expected.equals(received)) {
            mismatches.add(new Mismatch(field, expected, received));
        }
    }

    private static void compareAmount(String field, JsonNode expected, JsonNode received, List<Mismatch> mismatches) {
        boolean equal = received != null && received.isNumber()
                && received.decimalValue().compareTo(expected.decimalValue()) == 0;
        if (!equal) {
            mismatches.add(new Mismatch(field, expected, received));
        }
    }
}
