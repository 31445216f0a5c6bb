package com.autonomos.handshake.dcl.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The streaming sidecars and the ingest pipeline.
 *
 * @param maxLineBytes     longest line accepted; a longer one is dead-lettered {@code too_large} without being buffered
 * @param rawBound         how much of a dead-lettered line is kept as {@code raw}
 * @param maxNestingDepth  JSON nesting allowed in a record
 * @param maxNumberLength  digits allowed in a JSON number
 * @param maxStringLength  characters allowed in one JSON string
 * @param readIdleTimeout  a stream that sends nothing for this long is reconnected (extended by announced spikes)
 * @param maxAnnouncedStall longest latency spike a stream may announce; a longer announcement is clamped to it, so
 *                         stall detection is never switched off by a stream
 * @param spikeMargin      added to an announced latency spike's {@code delay_seconds} before the stream counts as idle
 * @param connectTimeout   TCP connect timeout of a stream
 * @param tick             how often every connector's configuration is re-read (heals a missed nudge)
 * @param shutdownGrace    how long in-flight records may take to settle at shutdown before they are dead-lettered
 * @param sinkBatch        most settled lines written to the sink in one batch
 * @param sinkLinger       longest a settled line waits for its batch to fill
 * @param workers          threads that parse, classify and settle lines (shared by all connectors)
 * @param reorderWindow    lines that may wait behind the oldest unsettled one (e.g. a record being repaired) so that
 *                         stream order is kept; reading pauses when the window is full. Lines move in chunks of
 *                         up to 8, so the window is rounded up to a multiple of 8. It bounds repair throughput with
 *                         a remote Farm: every line read while a repair waits ~100 ms (two 50 ms calls) stays in
 *                         it, so 1,024 lines capped a stream at ~1,500 repairs/s; 8,192 cover 3,000 repairs/s of a
 *                         50,000 lines/s stream at 6% drift (~10 MB of lines per connector when full)
 * @param reconnect        backoff of a dropped stream
 */
@Validated
@ConfigurationProperties("dcl.ingest")
public record IngestProperties(
        @NotNull @DefaultValue("1MB") DataSize maxLineBytes,
        @NotNull @DefaultValue("4KB") DataSize rawBound,
        @DefaultValue("64") @Min(1) int maxNestingDepth,
        @DefaultValue("100") @Min(1) int maxNumberLength,
        @DefaultValue("262144") @Min(1) int maxStringLength,
        @NotNull @DefaultValue("30s") Duration readIdleTimeout,
        @NotNull @DefaultValue("5s") Duration spikeMargin,
        @NotNull @DefaultValue("60s") Duration maxAnnouncedStall,
        @NotNull @DefaultValue("5s") Duration connectTimeout,
        @NotNull @DefaultValue("1s") Duration tick,
        @NotNull @DefaultValue("10s") Duration shutdownGrace,
        @DefaultValue("256") @Min(1) int sinkBatch,
        @NotNull @DefaultValue("10ms") Duration sinkLinger,
        @DefaultValue("2") @Min(1) int workers,
        @DefaultValue("8192") @Min(1) int reorderWindow,
        @Valid @NotNull @DefaultValue Reconnect reconnect) {

    /**
     * @param initialBackoff first wait after a failure; doubles per consecutive failure
     * @param maxBackoff     cap of the wait
     * @param jitter         randomisation factor (0..1) applied to each wait
     * @param onEnd          also reconnect a stream that ended cleanly (the Farm's stream is endless)
     */
    public record Reconnect(
            @NotNull @DefaultValue("200ms") Duration initialBackoff,
            @NotNull @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter,
            @DefaultValue("true") boolean onEnd) {
    }
}
