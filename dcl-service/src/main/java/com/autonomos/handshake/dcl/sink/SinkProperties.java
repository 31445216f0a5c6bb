package com.autonomos.handshake.dcl.sink;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded sink.
 *
 * @param flushInterval how often buffered records are flushed to the files (also flushed on shutdown)
 * @param writeBuffer   the write buffer per file
 * @param ringSize      recent envelopes and dead letters kept in memory per connector for the API
 * @param ringBudget    recent envelopes (and, separately, dead letters) kept in memory for all connectors together;
 *                      each connector keeps {@code min(ring-size, ring-budget / connectors)}, at least 10
 */
@Validated
@ConfigurationProperties("dcl.sink")
public record SinkProperties(
        @DefaultValue("200ms") Duration flushInterval,
        @DefaultValue("64KB") DataSize writeBuffer,
        @DefaultValue("1000") @Min(1) @Max(100_000) int ringSize,
        @DefaultValue("20000") @Min(1) int ringBudget) {
}
