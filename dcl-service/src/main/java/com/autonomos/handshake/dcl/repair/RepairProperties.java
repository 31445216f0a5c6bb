package com.autonomos.handshake.dcl.repair;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How DCL repairs drifted records ({@code dcl.repair.*}). Retry, circuit breaker and time limits of the Farm calls are
 * resilience4j policy in application.yml (instances {@code sourceOfTruth} and {@code farmVerify}), not here.
 *
 * @param maxHold             how long a record waits for an unavailable source of truth (breaker open, retries
 *                            exhausted) before it is dead-lettered {@code repair_unavailable}
 * @param holdRetryInterval   how often a held record tries the source of truth again
 * @param cacheTtl            how long a record of truth is reused for further repairs of the same invoice
 * @param cacheMaxSize        how many records of truth the cache keeps
 * @param connectTimeout      TCP connect bound for every Farm call
 * @param responseTimeout     backstop read bound for every Farm call (the time limiters are the policy)
 * @param maxResponseSize     largest Farm answer DCL buffers
 * @param maxConcurrency      repairs of one connector's stream in flight at once; sized for a remote Farm, where each
 *                            repair waits tens of milliseconds on the network (hundreds, not tens)
 * @param maxConnections      kept-alive connections to each Farm host, shared by all connectors' repairs
 * @param idleConnectionTimeout how long an unused kept-alive connection stays open
 */
@Validated
@ConfigurationProperties("dcl.repair")
public record RepairProperties(
        @NotNull @DefaultValue("10s") Duration maxHold,
        @NotNull @DefaultValue("500ms") Duration holdRetryInterval,
        @NotNull @DefaultValue("60s") Duration cacheTtl,
        @Min(1) @DefaultValue("10000") int cacheMaxSize,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration responseTimeout,
        @NotNull @DefaultValue("256KB") DataSize maxResponseSize,
        @Min(1) @DefaultValue("512") int maxConcurrency,
        @Min(1) @DefaultValue("512") int maxConnections,
        @NotNull @DefaultValue("30s") Duration idleConnectionTimeout) {
}
