package com.autonomos.handshake.farm.invoice;

import com.autonomos.handshake.contracts.farm.SourceRecord;
import com.autonomos.handshake.farm.system.CallLatency;
import com.autonomos.handshake.farm.system.FarmProblem;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;

/** The Salesforce master: the record of truth per invoice id. */
@RestController
@Tag(name = "invoice")
class SourceController {

    private final CallLatency latency;

    SourceController(CallLatency latency) {
        this.latency = latency;
    }

    static final String SOURCE = "salesforce_master";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @GetMapping("/api/source/salesforce/invoice/{invoiceId}")
    SourceRecord invoice(@PathVariable String invoiceId,
            @RequestParam(name = "call_latency_ms", required = false) Long callLatencyMs) {
        latency.await(callLatencyMs);
        if (!InvoiceFactory.isInvoiceId(invoiceId)) {
            throw FarmProblem.unknownInvoice("No invoice '" + abbreviate(invoiceId)
                    + "' in the system of record; invoice ids are INV- followed by 6 digits");
        }
        // Through the BigDecimal-reading mapper, so that amounts keep their two decimals on the wire.
        Map<String, Object> invoice = InvoiceJson.MAPPER.convertValue(InvoiceFactory.recordOfTruth(invoiceId), OBJECT);
        return new SourceRecord(SOURCE, Instant.now().toString(), invoice);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
