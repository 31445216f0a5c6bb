package com.autonomos.handshake.farm.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * An artificial delay before every record-of-truth and verify answer, to model a Farm that is far away or slow
 * (benchmarks of DCL's repair concurrency): {@code farm.calls.latency-ms} for every call, or the query parameter
 * {@code call_latency_ms} for one call. Zero by default.
 *
 * @param latencyMs default delay of each call, in milliseconds
 */
@ConfigurationProperties("farm.calls")
@Validated
public record CallLatency(@DefaultValue("0") @Min(0) @Max(MAX_MS) long latencyMs) {

    /** The bound of either setting: a minute. */
    public static final long MAX_MS = 60_000;

    /** Waits the call's delay: {@code queryMs} when given, else the configured one. */
    public void await(Long queryMs) {
        long ms = queryMs != null ? queryMs : latencyMs;
        if (queryMs != null && (queryMs < 0 || queryMs > MAX_MS)) {
            throw FarmProblem.badRequest("query parameter 'call_latency_ms' must be an integer between 0 and "
                    + MAX_MS + ", got '" + queryMs + "'");
        }
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
