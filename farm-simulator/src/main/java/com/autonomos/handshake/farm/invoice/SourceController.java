package com.autonomos.handshake.farm.invoice;

import com.autonomos.handshake.contracts.farm.SourceRecord;
import com.autonomos.handshake.farm.system.CallLatency;
import com.autonomos.handshake.farm.system.FarmProblem;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Salesforce master: the record of truth per invoice id. */
@RestController
@Tag(name = "invoice")
class SourceController {

    private final CallLatency latency;

    SourceController(CallLatency latency) {
        this.latency = latency;
    }

    static final String SOURCE = "salesforce_master";

    @GetMapping("/api/source/salesforce/invoice/{invoiceId}")
    SourceRecord invoice(@PathVariable String invoiceId,
            @RequestParam(name = "call_latency_ms", required = false) Long callLatencyMs) {
        latency.await(callLatencyMs);
        if (!InvoiceFactory.isInvoiceId(invoiceId)) {
            throw FarmProblem.unknownInvoice("No invoice '" + abbreviate(invoiceId)
                    + "' in the system of record; invoice ids are INV- followed by 6 digits");
        }
        // the tree's amounts are decimals with their two places, so they go on the wire as written
        return new SourceRecord(SOURCE, Instant.now().toString(), InvoiceFactory.recordOfTruth(invoiceId));
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
