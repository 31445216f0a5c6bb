package com.autonomos.handshake.aod.handoff;

import java.time.Duration;

import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the handoff sends to DCL ({@code aod.handoff.*}). Retry, breaker and time limit of the DCL call are resilience4j
 * policy under {@code resilience4j.*.instances.dcl}, not here.
 *
 * @param connectorId     connector DCL should (re)point
 * @param sourceType      DCL source type of the discovered route
 * @param repairEnabled   policy sent along: repair drifted records from the system of record
 * @param defaultPlatform platform handed off when the request names none
 * @param defaultChaos    ask for the chaos stream when the request does not say
 * @param minConfidence   below this the route counts as not detected and nothing is provisioned
 * @param connectTimeout  TCP connect bound of the DCL call
 * @param readTimeout     backstop read bound; the {@code dcl} time limiter normally ends a slow call first
 */
@ConfigurationProperties("aod.handoff")
@Validated
record HandoffProperties(
        @DefaultValue("mule_auto_01") @NotBlank
        @Pattern(regexp = ProvisioningPackage.CONNECTOR_ID_PATTERN) String connectorId,
        @DefaultValue(ProvisioningPackage.MULESOFT_STREAM) @NotBlank String sourceType,
        @DefaultValue("true") boolean repairEnabled,
        @DefaultValue("mulesoft") @NotBlank String defaultPlatform,
        @DefaultValue("true") boolean defaultChaos,
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double minConfidence,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {
}
