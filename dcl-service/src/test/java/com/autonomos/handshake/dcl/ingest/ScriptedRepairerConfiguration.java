package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.dcl.repair.RecordRepairer;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted repairer for the pipeline's own tests, so they can state exact outcomes (a repair that hangs, a verify
 * error) without a Farm. The real {@code FarmRecordRepairer} is tested against WireMock in {@code dcl.repair}, and
 * end to end against the simulator.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedRepairerConfiguration {

    /** An invoice id whose repair never answers (for shutdown tests). */
    public static final String HANGING_INVOICE = "INV-999999";
    /** An invoice id whose verification errors. */
    public static final String UNVERIFIABLE_INVOICE = "INV-888888";

    /** The record of truth the scripted repairer copies drifted top-level fields from. */
    public static final Map<String, Object> TRUTH = Map.of(
            "vendor", Map.of("name", "Acme Corp", "vendor_id", "V-1001", "tax_id", "12-3456789"),
            "billing_address", Map.of("street", "1 Main St", "city", "Springfield", "state", "IL", "zip", "62701",
                    "country", "US"),
            "po_number", "PO-1",
            "total_amount", 110.0,
            "invoice_date", "2024-01-15");

    @Bean
    @Primary
    RecordRepairer scriptedRepairer(JsonMapper mapper) {
        return (config, record, drift) -> {
            JsonNode id = record.get("invoice_id");
            if (id == null || !id.isString()) {
                return Mono.just(new RepairOutcome(null, List.of(), null, null, DeadLetterReason.UNREPAIRABLE,
                        "no invoice_id"));
            }
            if (HANGING_INVOICE.equals(id.asString())) {
                return Mono.never();
            }
            ObjectNode repaired = record.deepCopy();
            List<String> fields = new ArrayList<>();
            for (DriftItem item : drift) {
                String top = item.field().split("[.\\[]", 2)[0];
                if (TRUTH.containsKey(top) && !fields.contains(top)) {
                    repaired.set(top, mapper.valueToTree(TRUTH.get(top)));
                    fields.add(top);
                }
            }
            if (UNVERIFIABLE_INVOICE.equals(id.asString())) {
                return Mono.just(new RepairOutcome(repaired, fields, null, "verify endpoint unreachable", null, null));
            }
            return Mono.just(new RepairOutcome(repaired, fields,
                    new VerifyResult(true, 100.0, id.asString(), List.of(), "ok"), null, null, null));
        };
    }
}
