package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** DCL's answer to a provisioning package. */
public record ProvisionResult(
        @JsonProperty("status") String status,
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("version") long version,
        @JsonProperty("target_url") String targetUrl,
        @JsonProperty("previous_target_url") String previousTargetUrl) {

    public static final String PROVISIONED = "provisioned";
    public static final String UNCHANGED = "unchanged";
}
