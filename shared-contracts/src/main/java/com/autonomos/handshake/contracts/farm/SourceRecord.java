package com.autonomos.handshake.contracts.farm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The Farm's answer to {@code GET /api/source/salesforce/invoice/{invoice_id}}: the record of truth. The invoice is a
 * tree, as DCL patches from it: decoding it into a map and converting that into a tree cost a repair more than the
 * decoding itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceRecord(
        @JsonProperty("source") String source,
        @JsonProperty("lookup_timestamp") String lookupTimestamp,
        @JsonProperty("invoice") JsonNode invoice) {
}
