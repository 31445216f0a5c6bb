package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The targeting package AOD sends to DCL ({@code POST /api/ingest/provision}): which connector to (re)point, at what
 * kind of source, where, and with which policy.
 */
@Schema(description = "The targeting package: which connector to (re)point, at what kind of source, where, with which policy")
public record ProvisioningPackage(
        @Schema(description = "Connector to create or re-point", example = "mule_auto_01")
        @JsonProperty("connector_id") @NotBlank @Pattern(regexp = CONNECTOR_ID_PATTERN,
                message = "must match " + CONNECTOR_ID_PATTERN) String connectorId,
        @Schema(description = "Kind of source", example = MULESOFT_STREAM)
        @JsonProperty("source_type") @NotBlank @Size(max = 64) String sourceType,
        @Schema(description = "NDJSON stream to read; its host must be on DCL's allow-list (DCL_ALLOWED_SOURCES)",
                example = "http://localhost:8088/api/stream/synthetic/mulesoft?chaos=true")
        @JsonProperty("target_url") @NotBlank @Size(max = 2048) String targetUrl,
        @JsonProperty("policy") @Valid @NotNull ConnectorPolicy policy) {

    public static final String CONNECTOR_ID_PATTERN = "[a-z0-9_-]{1,64}";

    /** The source types DCL has a connector for. */
    public static final String MULESOFT_STREAM = "mulesoft_stream";
}
