package com.autonomos.handshake.dcl.telemetry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Telemetry and server-sent events.
 *
 * @param tick             how often {@code tps} is sampled and a {@code telemetry} event is sent
 * @param subscriberBuffer events queued per SSE subscriber; a subscriber that falls this far behind is dropped
 * @param maxSubscribers   concurrent SSE subscribers; more are refused (503)
 * @param maxSubscribersPerClient concurrent SSE subscribers from one client address; more are refused (503), so a
 *                         few idle clients cannot lock everyone else out of the dashboard
 * @param clientRetry      the {@code retry:} hint sent to SSE clients
 * @param logReplay        latest log lines replayed to a new subscriber (less than {@code subscriberBuffer})
 */
@Validated
@ConfigurationProperties("dcl.telemetry")
public record TelemetryProperties(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("256") @Min(8) @Max(65536) int subscriberBuffer,
        @DefaultValue("32") @Min(1) int maxSubscribers,
        @DefaultValue("4") @Min(1) int maxSubscribersPerClient,
        @DefaultValue("3s") Duration clientRetry,
        @DefaultValue("100") @Min(0) @Max(4096) int logReplay) {
}
