package com.autonomos.handshake.farm.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Farm serves long-lived responses.
 *
 * @param streamTimeout how long an async (streaming) response may last; zero means never (the streams are endless)
 * @param maxStreams    how many streams may be served at once; one thread each
 */
@ConfigurationProperties("farm.web")
@Validated
record WebProperties(
        @DefaultValue("0s") Duration streamTimeout,
        @DefaultValue("256") @Min(1) @Max(10_000) int maxStreams) {
}
