package com.autonomos.handshake.dcl.provision;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the provisioning API.
 *
 * @param maxBodySize largest accepted provisioning body (413 above), enforced while reading, with or without a
 *                    Content-Length
 */
@Validated
@ConfigurationProperties("dcl.provision")
record ProvisionProperties(@NotNull @DefaultValue("64KB") DataSize maxBodySize) {
}
