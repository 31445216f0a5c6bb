package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.FileConnectorStore;
import com.autonomos.handshake.dcl.sink.NdjsonFileSink;
import com.autonomos.handshake.dcl.sink.RecentRecords;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.BeanRegistry.SupplierContext;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
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
 *
 * <p>The mode's beans are registered by a {@link BeanRegistrar}, not chosen by {@code @Conditional}: with Spring AOT
 * (how demo.sh and the image start DCL) conditions are decided once at build time, while a registrar still runs at
 * every start, so one build serves both modes.
 */
@Configuration(proxyBeanMethods = false)
@Import(ClusterConfiguration.ModeBeans.class)
class ClusterConfiguration {

    /** {@code DCL_REDIS_URL}; blank or unset: embedded mode. */
    static final String REDIS_URL = "dcl.cluster.redis-url";

    static final class ModeBeans implements BeanRegistrar {

        @Override
        public void register(BeanRegistry registry, Environment env) {
            if (env.getProperty(REDIS_URL, "").isBlank()) {
                registerEmbedded(registry);
            } else {
                registerCluster(registry);
            }
        }

        private static void registerEmbedded(BeanRegistry registry) {
            registry.registerBean("fileConnectorStore", FileConnectorStore.class);
            registry.registerBean("ndjsonFileSink", NdjsonFileSink.class);
            registry.registerBean("connectorOwnership", EmbeddedOwnership.class, spec -> spec
                    .supplier(beans -> new EmbeddedOwnership(beans.bean(ClusterProperties.class).worker())));
            registry.registerBean("sharedCounters", SharedCounters.class, spec -> spec
                    .supplier(beans -> SharedCounters.NONE)); // the local meters are the counters
            registry.registerBean("cluster", HealthIndicator.class, spec -> spec
                    .supplier(beans -> () -> Health.up().withDetail("mode", "embedded").build()));
        }

        private static void registerCluster(BeanRegistry registry) {
            registry.registerBean("dclRedisConnectionFactory", LettuceConnectionFactory.class, spec -> spec
                    .supplier(beans -> connectionFactory(beans.bean(ClusterProperties.class))));
            registry.registerBean("dclRedis", StringRedisTemplate.class, spec -> spec
                    .supplier(beans -> new StringRedisTemplate(beans.bean(LettuceConnectionFactory.class))));
            registry.registerBean("redisKeys", RedisKeys.class, spec -> spec
                    .supplier(beans -> new RedisKeys(beans.bean(ClusterProperties.class).prefix())));
            registry.registerBean("dclRedisListeners", RedisMessageListenerContainer.class, spec -> spec
                    .supplier(beans -> listeners(beans.bean(LettuceConnectionFactory.class))));
            registry.registerBean("redisConnectorStore", RedisConnectorStore.class, spec -> spec
                    .supplier(beans -> new RedisConnectorStore(redis(beans), beans.bean(RedisKeys.class),
                            beans.bean(JsonMapper.class))));
            // by constructor: it needs the application event publisher, which is the context and not a bean
            registry.registerBean("leaseKeeper", LeaseKeeper.class);
            registry.registerBean("redisRecordSink", RedisRecordSink.class, spec -> spec
                    .supplier(beans -> new RedisRecordSink(redis(beans), beans.bean(RedisKeys.class),
                            beans.bean(ClusterProperties.class), beans.bean(LeaseKeeper.class),
                            beans.bean(JsonMapper.class), beans.bean(RecentRecords.class))));
            registry.registerBean("configSync", ConfigSync.class, spec -> spec
                    .supplier(beans -> new ConfigSync(beans.bean(ConnectorRegistry.class),
                            beans.bean(LeaseKeeper.class), beans.bean(RedisMessageListenerContainer.class),
                            beans.bean(RedisKeys.class), beans.bean(ClusterProperties.class))));
            registry.registerBean("cluster", HealthIndicator.class, spec -> spec.supplier(ModeBeans::redisHealth));
        }

        private static LettuceConnectionFactory connectionFactory(ClusterProperties properties) {
            // a Redis that does not answer must not stall a worker for a minute
            LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                    .commandTimeout(Duration.ofSeconds(2))
                    .build();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    LettuceConnectionFactory.createRedisConfiguration(properties.redisUrl()), client);
            factory.setPhase(LifecyclePhase.REDIS.phase());
            return factory;
        }

        private static RedisMessageListenerContainer listeners(LettuceConnectionFactory factory) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(factory);
            return container;
        }

        private static StringRedisTemplate redis(SupplierContext beans) {
            return beans.bean(StringRedisTemplate.class);
        }

        private static HealthIndicator redisHealth(SupplierContext beans) {
            ClusterProperties properties = beans.bean(ClusterProperties.class);
            URI uri = URI.create(properties.redisUrl());
            String address = uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
            return new RedisHealthIndicator(redis(beans), address, beans.bean(LeaseKeeper.class).workerId());
        }
    }
}
