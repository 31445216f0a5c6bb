package com.autonomos.handshake.farm.stream;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The schema drifts of a DRIFT line: fields of the clean record removed. */
enum Drift {
    MISSING_VENDOR_ID("missing_vendor_id", List.of("vendor.vendor_id")),
    MISSING_BILLING_ADDRESS("missing_billing_address", List.of("billing_address")),
    MISSING_VENDOR("missing_vendor", List.of("vendor")),
    MULTIPLE_FIELDS_MISSING("multiple_fields_missing", List.of("vendor.vendor_id", "billing_address", "po_number"));

    private final String type;
    private final List<String> damagedFields;

    Drift(String type, List<String> damagedFields) {
        this.type = type;
        this.damagedFields = damagedFields;
    }

    void apply(ObjectNode record) {
        for (String path : damagedFields) {
            int dot = path.indexOf('.');
            if (dot < 0) {
                record.remove(path);
            } else {
                ((ObjectNode) record.get(path.substring(0, dot))).remove(path.substring(dot + 1));
            }
        }
    }

    /** The value of {@code _drift_type}. */
    String type() {
        return type;
    }

    List<String> damagedFields() {
        return damagedFields;
    }
}
