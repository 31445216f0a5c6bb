package com.autonomos.handshake.farm.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the Farm serves long-lived responses.
 *
 * @param streamTimeout how long an async (streaming) response may last; zero means never (the streams are endless)
 * @param maxStreams    how many streams may be served at once; one thread each
 * @param socketWriteBuffer how much Tomcat hands the socket per write: its default, 8 KB, made a {@code speed=fast}
 *                      stream one system call per 8 KB (about a fifth of the simulator's CPU at full speed)
 */
@ConfigurationProperties("farm.web")
@Validated
record WebProperties(
        @DefaultValue("0s") Duration streamTimeout,
        @DefaultValue("256") @Min(1) @Max(10_000) int maxStreams,
        @NotNull @DefaultValue("64KB") DataSize socketWriteBuffer) {
}
