package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorOwnership;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import com.autonomos.handshake.dcl.connector.OwnershipChanged;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * One owner per connector: a lease {@code {prefix}:lease:{id}} (hash owner, epoch, state; TTL {@code lease-ttl})
 * whose epoch comes from {@code {prefix}:epoch:{id}} and grows with every new owner. Every record write checks it
 * ({@link RedisRecordSink}), so a worker that lost its lease (paused, partitioned) cannot write. The idiom of Spring
 * Integration's RedisLockRegistry (a Lua step per acquire, renew, release), plus the epoch.
 *
 * <p>Every {@code lease-ttl / 3} (and at once when another worker releases a lease) a worker heartbeats into
 * {@code {prefix}:workers}, renews its leases, and moves towards its fair share {@code ceil(connectors / live
 * workers)}: it releases what is above it (after its sidecar drained) and takes free leases below it. A share that is
 * met is left alone, so there is no churn. Shutdown releases every lease at once, after the sidecars drained.
 */
class LeaseKeeper implements ConnectorOwnership, SmartLifecycle {

    private static final Duration DRAIN_BEFORE_RELEASE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    /** KEYS: lease, epoch counter. ARGV: worker, ttl ms. Returns the epoch, or 0 when another worker holds it. */
    static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            local owner = redis.call('HGET', KEYS[1], 'owner')
            if owner == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return tonumber(redis.call('HGET', KEYS[1], 'epoch'))
            end
            if owner then return 0 end
            local epoch = redis.call('INCR', KEYS[2])
            redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'epoch', epoch, 'state', 'CONNECTING')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return epoch
            """, Long.class);

    /** KEYS: lease. ARGV: worker, epoch, ttl ms, state. 1 when renewed, 0 when the lease is gone or someone else's. */
    static final RedisScript<Long> RENEW = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
              redis.call('HSET', KEYS[1], 'state', ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    /** KEYS: lease. ARGV: worker, epoch, connector id, channel. Deletes only its own lease, and says so. */
    static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
              redis.call('DEL', KEYS[1])
              redis.call('PUBLISH', ARGV[4], ARGV[3])
              return 1
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final ClusterProperties properties;
    private final String workerId;
    private final ConnectorRegistry registry;
    private final ObjectProvider<ConnectorRuntime> runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** connector id → epoch of the lease this worker holds. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final Set<String> releasing = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    LeaseKeeper(StringRedisTemplate redis, RedisKeys keys, ClusterProperties properties, ConnectorRegistry registry,
                ObjectProvider<ConnectorRuntime> runtime, ApplicationEventPublisher events, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.workerId = properties.worker();
        this.registry = registry;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public String workerId() {
        return workerId;
    }

    @Override
    public boolean owns(String connectorId) {
        return held.containsKey(connectorId) && !releasing.contains(connectorId);
    }

    @Override
    public long epoch(String connectorId) {
        return held.getOrDefault(connectorId, 0L);
    }

    @Override
    public Optional<Lease> lease(String connectorId) {
        Map<Object, Object> lease = redis.opsForHash().entries(keys.lease(connectorId));
        if (lease.isEmpty() || lease.get("owner") == null) {
            return Optional.empty();
        }
        Object state = lease.get("state");
        return Optional.of(new Lease((String) lease.get("owner"), Long.parseLong((String) lease.get("epoch")),
                state == null ? null : ConnectorState.valueOf((String) state)));
    }

    /** Live and recently seen workers with their last heartbeat, newest first. */
    Map<String, java.time.Instant> workers() {
        Map<String, java.time.Instant> out = new java.util.LinkedHashMap<>();
        var seen = redis.opsForZSet().reverseRangeWithScores(keys.workers(), 0, -1);
        if (seen != null) {
            seen.forEach(t -> out.put(t.getValue(), java.time.Instant.ofEpochMilli(t.getScore().longValue())));
        }
        return out;
    }

    /** Connector ids this worker holds. */
    Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** A write was refused for a stale epoch: the lease is gone, stop reading at once. */
    void fenced(String connectorId, long epoch) {
        if (held.remove(connectorId, epoch)) {
            log.warn("Lease lost connector={} epoch={} reason=fenced_write", connectorId, epoch);
            events.publishEvent(new OwnershipChanged(connectorId, false, epoch));
        }
    }

    /** Runs a cycle soon (another worker released a lease, or a connector appeared). */
    void nudge() {
        ScheduledExecutorService e = executor;
        if (running && e != null) {
            e.execute(this::safeCycle);
        }
    }

    private void safeCycle() {
        try {
            cycle();
        } catch (RuntimeException e) {
            log.warn("Lease cycle failed worker={} error=\"{}\"", workerId, e.toString());
            expireUnrenewed();
        }
    }

    private long lastRenewed = System.nanoTime();

    /** Redis did not answer for a whole TTL: the leases have expired there, so stop reading (nothing could be written). */
    private void expireUnrenewed() {
        if (System.nanoTime() - lastRenewed > properties.leaseTtl().toNanos()) {
            for (Map.Entry<String, Long> lease : Map.copyOf(held).entrySet()) {
                if (held.remove(lease.getKey(), lease.getValue())) {
                    log.warn("Lease lost connector={} epoch={} reason=not_renewed", lease.getKey(), lease.getValue());
                    events.publishEvent(new OwnershipChanged(lease.getKey(), false, lease.getValue()));
                }
            }
        }
    }

    synchronized void cycle() {
        if (!running) {
            return;
        }
        long now = clock.millis();
        long ttl = properties.leaseTtl().toMillis();
        redis.opsForZSet().add(keys.workers(), workerId, now);
        redis.opsForZSet().removeRangeByScore(keys.workers(), Double.NEGATIVE_INFINITY, now - 3 * ttl);
        Long live = redis.opsForZSet().count(keys.workers(), now - ttl, Double.POSITIVE_INFINITY);
        int workers = live == null || live < 1 ? 1 : live.intValue();

        List<String> connectors = registry.all().stream().map(ConnectorConfig::connectorId).toList();
        renew(connectors);
        lastRenewed = System.nanoTime();

        int share = (connectors.size() + workers - 1) / workers;
        int mine = (int) held.keySet().stream().filter(id -> !releasing.contains(id)).count();
        if (mine > share) {
            held.keySet().stream().filter(id -> !releasing.contains(id)).sorted().limit(mine - share)
                    .toList().forEach(id -> handOver(id, "rebalance"));
        } else if (mine < share) {
            List<String> free = new ArrayList<>(connectors.stream()
                    .filter(id -> !held.containsKey(id) && !Boolean.TRUE.equals(redis.hasKey(keys.lease(id))))
                    .toList());
            Collections.shuffle(free); // two workers starting together do not race for the same ones first
            for (String id : free) {
                if (mine >= share) {
                    break;
                }
                Long epoch = redis.execute(ACQUIRE, List.of(keys.lease(id), keys.epoch(id)), workerId,
                        Long.toString(ttl));
                if (epoch != null && epoch > 0) {
                    held.put(id, epoch);
                    mine++;
                    log.info("Lease acquired connector={} worker={} epoch={}", id, workerId, epoch);
                    events.publishEvent(new OwnershipChanged(id, true, epoch));
                }
            }
        }
    }

    private void renew(List<String> connectors) {
        long ttl = properties.leaseTtl().toMillis();
        for (Map.Entry<String, Long> lease : Map.copyOf(held).entrySet()) {
            String id = lease.getKey();
            if (!connectors.contains(id) && !releasing.contains(id)) {
                handOver(id, "deleted");
                continue;
            }
            ConnectorState state = runtime.getObject().status(id).map(ConnectorRuntimeStatus::state)
                    .orElse(ConnectorState.CONNECTING);
            Long ok = redis.execute(RENEW, List.of(keys.lease(id)), workerId, Long.toString(lease.getValue()),
                    Long.toString(ttl), state.name());
            if (ok == null || ok != 1L) {
                if (held.remove(id, lease.getValue())) {
                    log.warn("Lease lost connector={} epoch={} reason=expired", id, lease.getValue());
                    events.publishEvent(new OwnershipChanged(id, false, lease.getValue()));
                }
            }
        }
    }

    /** Stops the sidecar, lets what it read settle under the lease, then releases the lease (asynchronously). */
    private void handOver(String id, String reason) {
        Long epoch = held.get(id);
        if (epoch == null || !releasing.add(id)) {
            return;
        }
        runtime.getObject().stopReading(id) // owns() is false from here on, so no tick restarts it
                .timeout(DRAIN_BEFORE_RELEASE)
                .onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .doFinally(signal -> {
                    release(id, epoch, reason);
                    releasing.remove(id);
                })
                .subscribe();
    }

    private void release(String id, long epoch, String reason) {
        try {
            redis.execute(RELEASE, List.of(keys.lease(id)), workerId, Long.toString(epoch), id, keys.leaseChannel());
            log.info("Lease released connector={} worker={} epoch={} reason={}", id, workerId, epoch, reason);
        } catch (RuntimeException e) {
            log.warn("Lease release failed connector={} epoch={} error=\"{}\" (it expires by itself)", id, epoch,
                    e.toString());
        } finally {
            held.remove(id, epoch);
        }
    }

    @Override
    public void start() {
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dcl-leases");
            t.setDaemon(true);
            return t;
        });
        long every = properties.renewInterval().toMillis();
        executor.scheduleWithFixedDelay(this::safeCycle, 0, every, TimeUnit.MILLISECONDS);
        log.info("Cluster worker started worker={} prefix={} lease_ttl={}", workerId, keys.prefix(),
                properties.leaseTtl());
    }

    /** The sidecars have drained (they stop first): leave the cluster and release every lease at once. */
    @Override
    public void stop() {
        running = false;
        executor.shutdown(); // a cycle under way finishes (no interrupted Redis call), the next one does not start
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            redis.opsForZSet().remove(keys.workers(), workerId);
            Map<String, Long> all = Map.copyOf(held);
            all.forEach((id, epoch) -> release(id, epoch, "shutdown"));
            log.info("Cluster worker stopped worker={} released={}", workerId,
                    all.keySet().stream().sorted().collect(Collectors.joining(",")));
        } catch (RuntimeException e) {
            log.warn("Cluster worker stop could not reach Redis error=\"{}\" (leases expire by themselves)", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhase.LEASES.phase();
    }
}
