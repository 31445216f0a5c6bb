package com.autonomos.handshake.dcl.connector;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many connectors this DCL runs.
 *
 * @param max connectors at most (env {@code DCL_CONNECTORS_MAX}). Provisioning a new one past it answers 409 and
 *            stores nothing; at start-up, stored connectors beyond it (in id order) stay STOPPED and are reported.
 */
@Validated
@ConfigurationProperties("dcl.connectors")
public record ConnectorsProperties(@DefaultValue("100") @Min(1) int max) {
}
