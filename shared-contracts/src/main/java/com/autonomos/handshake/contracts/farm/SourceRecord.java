package com.autonomos.handshake.contracts.farm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The Farm's answer to {@code GET /api/source/salesforce/invoice/{invoice_id}}: the record of truth. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceRecord(
        @JsonProperty("source") String source,
        @JsonProperty("lookup_timestamp") String lookupTimestamp,
        @JsonProperty("invoice") Map<String, Object> invoice) {
}
