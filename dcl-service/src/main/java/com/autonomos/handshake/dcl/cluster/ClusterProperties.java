package com.autonomos.handshake.dcl.cluster;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cluster mode ({@code DCL_REDIS_URL}, {@code DCL_REDIS_PREFIX}, {@code DCL_WORKER_ID} through application.yml).
 *
 * @param redisUrl          e.g. {@code redis://127.0.0.1:6379/0}; blank: embedded mode
 * @param prefix            prefixes every key, so several clusters (and tests) share one Redis
 * @param workerId          this worker's name; blank: host name and pid
 * @param leaseTtl          how long a connector's lease lives without renewal; a dead owner's connectors move after it
 * @param reconcileInterval how often every config is re-read from Redis (the safety net behind the pub/sub nudge)
 * @param streamMaxLength   approximate bound ({@code XTRIM MAXLEN ~} after each batch) of each records and dead-letters stream
 * @param writeRetry        pause between attempts while Redis does not answer a write (the pipeline waits, bounded)
 */
@Validated
@ConfigurationProperties("dcl.cluster")
public record ClusterProperties(
        String redisUrl,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]+") @DefaultValue("dcl") String prefix,
        String workerId,
        @NotNull @DefaultValue("10s") Duration leaseTtl,
        @NotNull @DefaultValue("2s") Duration reconcileInterval,
        @Min(1000) @DefaultValue("1000000") long streamMaxLength,
        @NotNull @DefaultValue("500ms") Duration writeRetry) {

    /** The worker id: configured, or {@code host-pid} (unique per process). */
    public String worker() {
        if (workerId != null && !workerId.isBlank()) {
            return workerId;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Leases are renewed three times per TTL, so one slow round trip never loses one. */
    public Duration renewInterval() {
        return leaseTtl.dividedBy(3);
    }
}
