package com.autonomos.handshake.farm.stream;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pacing of the HTTP stream. Defaults live here, not in application.yml, so the simulator behaves the same when another
 * module's test starts it in-process without its configuration.
 *
 * @param normalInterval  time between lines at {@code speed=normal}
 * @param slowInterval    time between lines at {@code speed=slow}
 * @param fastBufferBytes output buffer at {@code speed=fast}; the stream is flushed whenever it fills
 */
@ConfigurationProperties("farm.stream")
@Validated
record StreamProperties(
        @DefaultValue("100ms") Duration normalInterval,
        @DefaultValue("1s") Duration slowInterval,
        @DefaultValue("65536") @Min(1024) int fastBufferBytes) {

    Duration interval(Speed speed) {
        return switch (speed) {
            case FAST -> Duration.ZERO;
            case NORMAL -> normalInterval;
            case SLOW -> slowInterval;
        };
    }
}
