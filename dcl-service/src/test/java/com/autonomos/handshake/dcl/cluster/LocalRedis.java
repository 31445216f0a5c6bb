package com.autonomos.handshake.dcl.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis these tests run against: {@code 127.0.0.1:6379} (or {@code DCL_TEST_REDIS_URL}), with a unique key prefix
 * per test so tests and clusters share it safely. When no Redis answers the test is skipped with the reason printed,
 * except under {@code CI=true}, where it fails. {@link #close()} deletes only the keys under the test's own prefix.
 */
final class LocalRedis implements AutoCloseable {

    static final String URL = System.getenv().getOrDefault("DCL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");

    final LettuceConnectionFactory factory;
    final StringRedisTemplate redis;
    final String prefix = "dcltest-" + UUID.randomUUID().toString().substring(0, 8);
    final RedisKeys keys = new RedisKeys(prefix);

    private LocalRedis(LettuceConnectionFactory factory) {
        this.factory = factory;
        this.redis = new StringRedisTemplate(factory);
    }

    static LocalRedis connectOrSkip() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                (RedisStandaloneConfiguration) LettuceConnectionFactory.createRedisConfiguration(URL));
        factory.afterPropertiesSet();
        factory.start();
        try {
            LocalRedis local = new LocalRedis(factory);
            local.redis.execute((org.springframework.data.redis.core.RedisCallback<String>) c -> c.ping());
            return local;
        } catch (RuntimeException e) {
            factory.destroy();
            String reason = "no Redis answers at " + URL + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            System.out.println("Skipping Redis test: " + reason);
            Assumptions.abort(reason);
            throw e;
        }
    }

    @Override
    public void close() {
        Set<String> own = redis.keys(prefix + ":*");
        if (own != null && !own.isEmpty()) {
            redis.delete(own);
        }
        factory.destroy();
    }
}
