package com.autonomos.handshake.aod.scan;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How scanners probe routes ({@code aod.scan.*}).
 *
 * @param probeTimeout   whole probe (connect + answer); slower counts as unreachable
 * @param connectTimeout TCP connect bound inside the probe
 * @param maxSampleSize  largest sample body read; a route that streams endlessly must not fill memory
 */
@ConfigurationProperties("aod.scan")
@Validated
record ScanProperties(
        @DefaultValue("3s") @NotNull Duration probeTimeout,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("256KB") @NotNull DataSize maxSampleSize) {
}
