package com.autonomos.handshake.dcl.provision;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the provisioning API.
 *
 * @param maxBodySize largest accepted provisioning body (413 above), enforced while reading, with or without a
 *                    Content-Length
 * @param bodyReadTimeout longest a provisioning body may take to arrive (408 and the connection closed after it),
 *                        so a slow body holds a worker thread for a bounded time even with a valid token
 */
@Validated
@ConfigurationProperties("dcl.provision")
public record ProvisionProperties(@NotNull @DefaultValue("64KB") DataSize maxBodySize,
                           @NotNull @DefaultValue("10s") Duration bodyReadTimeout) {
}
