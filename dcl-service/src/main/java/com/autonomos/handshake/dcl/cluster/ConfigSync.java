package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Keeps this worker's registry in line with the configs in Redis: at once on the pub/sub nudge a change publishes,
 * and every {@code reconcile-interval} as the safety net (a missed message, a Redis restart). A released lease wakes
 * the {@link LeaseKeeper} so another worker takes it without waiting for its next cycle.
 */
class ConfigSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigSync.class);

    private final ConnectorRegistry registry;
    private final LeaseKeeper leases;
    private final RedisMessageListenerContainer listeners;
    private final RedisKeys keys;
    private final ClusterProperties properties;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    ConfigSync(ConnectorRegistry registry, LeaseKeeper leases, RedisMessageListenerContainer listeners, RedisKeys keys,
               ClusterProperties properties) {
        this.registry = registry;
        this.leases = leases;
        this.listeners = listeners;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dcl-config-sync");
            t.setDaemon(true);
            return t;
        });
        listeners.addMessageListener((message, pattern) -> {
            String id = new String(message.getBody(), StandardCharsets.UTF_8);
            executor.execute(() -> refresh(id));
        }, new ChannelTopic(keys.configChannel()));
        listeners.addMessageListener((message, pattern) -> leases.nudge(), new ChannelTopic(keys.leaseChannel()));
        long every = properties.reconcileInterval().toMillis();
        executor.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void refresh(String id) {
        try {
            registry.refresh(id);
            leases.nudge(); // a new connector is free to take
        } catch (RuntimeException e) {
            log.warn("Config refresh failed connector={} error=\"{}\"", id, e.toString());
        }
    }

    private void refreshAll() {
        try {
            registry.refreshAll();
        } catch (RuntimeException e) {
            log.warn("Config reconcile failed error=\"{}\"", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhase.LEASES.phase(); // stops with the leases, after the sidecars
    }
}
