package com.autonomos.handshake.dcl.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cluster mode: Redis answers. Part of readiness (a worker that cannot reach Redis can neither accept provisioning
 * nor write records), never of liveness (restarting the worker would not bring Redis back).
 */
class RedisHealthIndicator implements HealthIndicator {

    private final StringRedisTemplate redis;
    private final String url; // host:port only: never the password a URL may carry
    private final String workerId;

    RedisHealthIndicator(StringRedisTemplate redis, String url, String workerId) {
        this.redis = redis;
        this.url = url;
        this.workerId = workerId;
    }

    @Override
    public Health health() {
        try {
            String pong = redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping());
            return Health.up().withDetail("mode", "redis").withDetail("redis", url).withDetail("worker_id", workerId)
                    .withDetail("ping", pong).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("mode", "redis").withDetail("redis", url).withDetail("worker_id", workerId)
                    .withDetail("error", "Redis unreachable: " + e.getMessage()).build();
        }
    }
}
