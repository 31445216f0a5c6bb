package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.testing.CanonicalInvoice;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical invoice as the repair tests stream it (with a vendor name and notes of its own, so a test can tell
 * kept stream values from copied truth), the Farm's answers for it, and a connector to repair with.
 */
final class RepairFixtures {

    static final ObjectMapper JSON = CanonicalInvoice.JSON;

    private RepairFixtures() {
    }

    static ObjectNode streamed(String invoiceId) {
        ObjectNode invoice = CanonicalInvoice.node(invoiceId).put("notes", "from the stream");
        ((ObjectNode) invoice.get("vendor")).put("name", "Acme Supplies (stream)");
        return invoice;
    }

    /** The source-of-truth answer body for an invoice. */
    static String truthBody(String invoiceId) {
        return CanonicalInvoice.truthAnswer(invoiceId);
    }

    static ObjectNode truthInvoice(String invoiceId) {
        return CanonicalInvoice.truth(invoiceId);
    }

    static String verifiedBody(String invoiceId) {
        return CanonicalInvoice.verifiedAnswer(invoiceId);
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
