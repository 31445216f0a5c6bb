package com.autonomos.handshake.contracts.farm;

import com.autonomos.handshake.contracts.ingest.Mismatch;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The Farm's answer to {@code POST /api/verify/salesforce/invoice}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifyResult(
        @JsonProperty("verified") boolean verified,
        @JsonProperty("quality_score") double qualityScore,
        @JsonProperty("invoice_id") String invoiceId,
        @JsonProperty("mismatches") List<Mismatch> mismatches,
        @JsonProperty("message") String message) {
}
