package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
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
@Schema(description = "What DCL may do with the connector's records")
public record ConnectorPolicy(
        @Schema(description = "Fill drifted fields from the system of record", example = "true")
        @JsonProperty("repair_enabled") boolean repairEnabled,
        @Schema(description = "Dead-letter (verify_failed) repaired records the Farm did not verify", example = "false")
        @JsonProperty("require_verified") boolean requireVerified,
        @Schema(description = "Origin of the system of record; derived from target_url when absent",
                nullable = true, example = "http://localhost:8088")
        @JsonProperty("source_of_truth_url") @Size(max = 2048) String sourceOfTruthUrl) {

    public static ConnectorPolicy repairing() {
        return new ConnectorPolicy(true, false, null);
    }
}
