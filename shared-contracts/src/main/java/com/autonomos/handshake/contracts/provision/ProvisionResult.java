package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** DCL's answer to a provisioning package. */
@Schema(description = "DCL's answer to a provisioning package")
public record ProvisionResult(
        @Schema(description = "provisioned (a new version) or unchanged (identical package, same version)",
                allowableValues = {PROVISIONED, UNCHANGED})
        @JsonProperty("status") String status,
        @JsonProperty("connector_id") String connectorId,
        @Schema(description = "Configuration version; increases on every change", example = "1")
        @JsonProperty("version") long version,
        @JsonProperty("target_url") String targetUrl,
        @Schema(description = "Target before this change; null for a new connector", nullable = true)
        @JsonProperty("previous_target_url") String previousTargetUrl) {

    public static final String PROVISIONED = "provisioned";
    public static final String UNCHANGED = "unchanged";
}
