package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.sink.RecentRecords;
import com.autonomos.handshake.dcl.system.ConditionalOnClusterMode;
import com.autonomos.handshake.dcl.system.ConditionalOnEmbeddedMode;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment mode. Embedded (no {@code DCL_REDIS_URL}): this process owns every connector and the file store and
 * sink of the data directory serve. Cluster: configs, leases, records and counters in Redis. Boot's own Redis
 * auto-configuration is excluded (application.yml), so embedded mode never connects to Redis; the health
 * contributor {@code cluster} (readiness) exists in both modes.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    @ConditionalOnEmbeddedMode
    EmbeddedOwnership connectorOwnership(ClusterProperties properties) {
        return new EmbeddedOwnership(properties.worker());
    }

    @Bean
    @ConditionalOnEmbeddedMode
    SharedCounters sharedCounters() {
        return SharedCounters.NONE; // the local meters are the counters
    }

    @Bean("cluster")
    @ConditionalOnEmbeddedMode
    HealthIndicator embeddedClusterHealth() {
        return () -> Health.up().withDetail("mode", "embedded").build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClusterMode
    static class RedisMode {

        @Bean
        LettuceConnectionFactory dclRedisConnectionFactory(ClusterProperties properties) {
            LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                    .commandTimeout(Duration.ofSeconds(2)) // a Redis that does not answer must not stall a worker for a minute
                    .build();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    LettuceConnectionFactory.createRedisConfiguration(properties.redisUrl()), client);
            factory.setPhase(LifecyclePhase.REDIS.phase());
            return factory;
        }

        @Bean
        StringRedisTemplate dclRedis(LettuceConnectionFactory factory) {
            return new StringRedisTemplate(factory);
        }

        @Bean
        RedisKeys redisKeys(ClusterProperties properties) {
            return new RedisKeys(properties.prefix());
        }

        @Bean
        RedisMessageListenerContainer dclRedisListeners(LettuceConnectionFactory factory) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            return container;
        }

        @Bean
        RedisConnectorStore redisConnectorStore(StringRedisTemplate redis, RedisKeys keys, JsonMapper mapper) {
            return new RedisConnectorStore(redis, keys, mapper);
        }

        @Bean
        LeaseKeeper leaseKeeper(StringRedisTemplate redis, RedisKeys keys, ClusterProperties properties,
                                ConnectorRegistry registry, ObjectProvider<ConnectorRuntime> runtime,
                                ApplicationEventPublisher events, Clock clock) {
            return new LeaseKeeper(redis, keys, properties, properties.worker(), registry, runtime, events, clock);
        }

        @Bean
        RedisRecordSink redisRecordSink(StringRedisTemplate redis, RedisKeys keys, ClusterProperties properties,
                                        LeaseKeeper leases, JsonMapper mapper, RecentRecords recent) {
            return new RedisRecordSink(redis, keys, properties, leases, mapper, recent);
        }

        @Bean
        ConfigSync configSync(ConnectorRegistry registry, LeaseKeeper leases, RedisMessageListenerContainer listeners,
                              RedisKeys keys, ClusterProperties properties) {
            return new ConfigSync(registry, leases, listeners, keys, properties);
        }

        @Bean("cluster")
        HealthIndicator redisClusterHealth(StringRedisTemplate redis, ClusterProperties properties, LeaseKeeper leases) {
            URI uri = URI.create(properties.redisUrl());
            return new RedisHealthIndicator(redis, uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()),
                    leases.workerId());
        }
    }
}
