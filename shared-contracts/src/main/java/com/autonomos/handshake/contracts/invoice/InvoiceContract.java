package com.autonomos.handshake.contracts.invoice;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The invoice schema contract: which fields a record must have, of which types. {@link #check} lists every departure
 * as a drift item. The Farm's chaos tags ({@code _chaos_injected}, {@code _drift_type}) are never consulted.
 */
public final class InvoiceContract {

    /** Top-level fields every invoice must carry. */
    public static final List<String> REQUIRED = List.of(
            "invoice_id", "vendor", "billing_address", "invoice_date", "due_date", "currency", "line_items",
            "subtotal", "tax_rate", "tax_amount", "total_amount", "payment_status");

    private InvoiceContract() {
    }

    /** Every departure of {@code record} from the contract; empty when it conforms. */
    public static List<DriftItem> check(JsonNode record) {
        List<DriftItem> drift = new ArrayList<>();
        for (String field : REQUIRED) {
            JsonNode value = record.get(field);
            if (value == null || value.isMissingNode()) {
                drift.add(new DriftItem(field, DriftKind.MISSING, null));
            } else if (value.isNull()) {
                drift.add(new DriftItem(field, DriftKind.NULL, "null"));
            }
        }
        return drift;
    }
}
