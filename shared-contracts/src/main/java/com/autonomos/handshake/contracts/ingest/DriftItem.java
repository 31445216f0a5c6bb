package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One departure of a record from the invoice contract.
 *
 * @param field    dotted path, e.g. {@code vendor.vendor_id} or {@code line_items[2].quantity}
 * @param observed the offending value as text (truncated), null when the field is missing
 */
public record DriftItem(
        @JsonProperty("field") String field,
        @JsonProperty("kind") DriftKind kind,
        @JsonProperty("observed") String observed) {
}
