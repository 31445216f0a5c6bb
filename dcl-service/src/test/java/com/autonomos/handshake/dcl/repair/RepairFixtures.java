package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A clean streamed invoice and the Farm's record of truth for it (which differs in fields that did not drift). */
final class RepairFixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final String STREAMED = """
            {"record_type":"invoice","source_system":"mulesoft","invoice_id":"%s",
             "vendor":{"name":"Acme Supplies (stream)","vendor_id":"V-1042","tax_id":"12-3456789"},
             "billing_address":{"street":"1 Main St","city":"Springfield","state":"IL","zip":"62701","country":"US"},
             "invoice_date":"2024-03-01","due_date":"2024-03-31T00:00:00Z","currency":"USD",
             "line_items":[{"description":"Widget","quantity":3,"unit_price":10.5,"line_total":31.5},
                           {"description":"Gadget","quantity":1,"unit_price":100,"line_total":100},
                           {"description":"Gizmo","quantity":2,"unit_price":7.25,"line_total":14.5}],
             "subtotal":146.0,"tax_rate":0.08,"tax_amount":11.68,"total_amount":157.68,
             "payment_status":"pending","po_number":"PO-7781","notes":"from the stream",
             "sync_timestamp":"2024-03-01T12:00:00.123456","correlation_id":"c0ffee",
             "_stream_meta":{"record_number":17,"chaos_mode":true}}
            """;

    private static final String TRUTH = """
            {"source":"salesforce_master","lookup_timestamp":"2024-03-01T12:00:01Z","invoice":
            {"record_type":"invoice","source_system":"salesforce","invoice_id":"%s",
             "vendor":{"name":"Acme Supplies Inc.","vendor_id":"V-1042","tax_id":"12-3456789"},
             "billing_address":{"street":"500 Market St","city":"San Francisco","state":"CA","zip":"94105","country":"US"},
             "invoice_date":"2024-03-01","due_date":"2024-03-31T00:00:00Z","currency":"USD",
             "line_items":[{"description":"Widget","quantity":3,"unit_price":10.5,"line_total":31.5},
                           {"description":"Gadget","quantity":1,"unit_price":100,"line_total":100},
                           {"description":"Gizmo","quantity":2,"unit_price":7.25,"line_total":14.5}],
             "subtotal":146.0,"tax_rate":0.08,"tax_amount":11.68,"total_amount":157.68,
             "payment_status":"paid","po_number":"PO-7781","notes":null}}
            """;

    private RepairFixtures() {
    }

    static ObjectNode streamed(String invoiceId) {
        return (ObjectNode) JSON.readTree(STREAMED.formatted(invoiceId));
    }

    /** The source-of-truth answer body for an invoice. */
    static String truthBody(String invoiceId) {
        return TRUTH.formatted(invoiceId);
    }

    static ObjectNode truthInvoice(String invoiceId) {
        return (ObjectNode) JSON.readTree(truthBody(invoiceId)).get("invoice");
    }

    static String verifiedBody(String invoiceId) {
        return """
                {"verified":true,"quality_score":100,"invoice_id":"%s","mismatches":[],"message":"Record verified"}
                """.formatted(invoiceId);
    }

    static ConnectorConfig connector(String farmBaseUrl, ConnectorPolicy policy) {
        return new ConnectorConfig("mule_auto_01", "mulesoft_stream",
                farmBaseUrl + "/api/stream/synthetic/mulesoft?chaos=true", policy, 1, false, Instant.EPOCH);
    }

    /**
     * Closes a breaker and clears its counts between tests. {@code reset()} alone would leave an open breaker's
     * scheduled automatic half-open transition armed, to fire in a later test; a state transition cancels it.
     */
    static void close(CircuitBreaker breaker) {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        }
        breaker.reset();
    }

    static ConnectorConfig connector(String farmBaseUrl) {
        return connector(farmBaseUrl, ConnectorPolicy.repairing());
    }
}
