package com.autonomos.handshake.contracts.discovery;

import com.autonomos.handshake.contracts.provision.ProvisionResult;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.fasterxml.jackson.annotation.JsonProperty;

/** AOD's answer once DCL accepted the targeting package. */
public record HandoffResult(
        @JsonProperty("status") String status,
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("detection") MiddlewareDetection detection,
        @JsonProperty("targeting_package") ProvisioningPackage targetingPackage,
        @JsonProperty("dcl") ProvisionResult dcl) {

    public static final String SENT = "Provisioning Command Sent";
}
