package com.autonomos.handshake.farm.verify;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import com.autonomos.handshake.farm.system.CallLatency;
import com.autonomos.handshake.farm.system.FarmProblem;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Verification of an invoice against the Salesforce master. */
@RestController
@Tag(name = "verify")
class VerifyController {

    private final CallLatency latency;

    VerifyController(CallLatency latency) {
        this.latency = latency;
    }

    @PostMapping("/api/verify/salesforce/invoice")
    VerifyResult verify(@RequestBody JsonNode invoice,
            @RequestParam(name = "call_latency_ms", required = false) Long callLatencyMs) {
        latency.await(callLatencyMs);
        if (!invoice.isObject()) {
            throw FarmProblem.badRequest("The body must be a JSON object (an invoice), got " + describe(invoice));
        }
        JsonNode id = invoice.get("invoice_id");
        if (id == null || id.isNull()) {
            throw FarmProblem.unprocessable("The invoice has no invoice_id, so there is no record of truth to compare");
        }
        if (!id.isString() || !InvoiceFactory.isInvoiceId(id.asString())) {
            throw FarmProblem.unprocessable("invoice_id must be a string INV- followed by 6 digits, got "
                    + abbreviate(id.toString()));
        }
        return InvoiceVerifier.verify(id.asString(), invoice);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
