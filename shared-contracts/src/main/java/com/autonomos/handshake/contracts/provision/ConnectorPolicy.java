package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/**
 * What DCL may do with a connector's records.
 *
 * @param repairEnabled    fill drifted fields from the system of record
 * @param requireVerified  dead-letter ({@code verify_failed}) repaired records the Farm did not verify, instead of
 *                         delivering them with {@code meta.verified=false}
 * @param sourceOfTruthUrl origin of the system of record; when null it is derived from the target URL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectorPolicy(
        @JsonProperty("repair_enabled") boolean repairEnabled,
        @JsonProperty("require_verified") boolean requireVerified,
        @JsonProperty("source_of_truth_url") @Size(max = 2048) String sourceOfTruthUrl) {

    public static ConnectorPolicy repairing() {
        return new ConnectorPolicy(true, false, null);
    }
}
