package com.autonomos.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.autonomos.handshake.testing.HttpJson;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cluster mode as an operator runs it: DCL workers as separate processes on one Redis (127.0.0.1:6379, a unique key
 * prefix) and the farm simulator, which counts how often each connector's stream (one seed each) was opened. The
 * lease TTL is 3 s, so a dead owner's connectors must move within 8 s (TTL + 5 s).
 */
class ClusterFailoverEndToEndTests {

    private static final String REDIS_URL = System.getenv().getOrDefault("DCL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
    private static final Duration LEASE_TTL = Duration.ofSeconds(3);
    private static final Duration TAKEOVER_BOUND = LEASE_TTL.plusSeconds(5);
    private static final Duration HANDOVER_BOUND = Duration.ofSeconds(3);
    private static final List<String> CONNECTORS = List.of("c1", "c2", "c3", "c4");

    private final HttpJson http = HttpJson.absolute();
    private final String prefix = "dcle2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = UUID.randomUUID().toString();
    private final List<ServiceProcess> started = new ArrayList<>();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private ServiceProcess farm;

    @BeforeEach
    void redisAnswers() {
        client = RedisClient.create(REDIS_URL);
        try {
            connection = client.connect();
            redis = connection.sync();
            redis.ping();
        } catch (RuntimeException e) {
            client.shutdown();
            client = null;
            String reason = "no Redis answers at " + REDIS_URL + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            System.out.println("Skipping cluster end-to-end test: " + reason);
            Assumptions.abort(reason);
        }
    }

    @AfterEach
    void stopAll() {
        for (ServiceProcess p : started) {
            if (p.isAlive()) {
                p.signal("CONT"); // a test that failed while a worker was stopped must not leave it frozen
                p.kill();
            }
        }
        if (redis != null) {
            List<String> own = redis.keys(prefix + ":*");
            if (!own.isEmpty()) {
                redis.del(own.toArray(String[]::new));
            }
            connection.close();
            client.shutdown();
        }
    }

    private ServiceProcess worker(String id, Path dataDir) {
        ServiceProcess dcl = ServiceProcess.start("dcl-service", Map.of(
                "DCL_REDIS_URL", REDIS_URL,
                "DCL_REDIS_PREFIX", prefix,
                "DCL_WORKER_ID", id,
                "DCL_LEASE_TTL", LEASE_TTL.toSeconds() + "s",
                "DCL_PROVISION_TOKEN", token,
                "DCL_DATA_DIR", dataDir.resolve(id).toString(),
                "DCL_ALLOWED_SOURCES", "localhost:" + farm.port() + ",127.0.0.1:" + farm.port()));
        started.add(dcl);
        return dcl;
    }

    @Test
    void workersShareConnectorsAndTakeOverFromAPausedAStoppedAndAKilledOwnerWithoutWritingTwice() throws Exception {
        Path dataDir = Files.createTempDirectory("dcl-cluster-e2e");
        farm = ServiceProcess.start("farm-simulator", Map.of());
        started.add(farm);
        farm.awaitReady();
        ServiceProcess w1 = worker("w1", dataDir);
        ServiceProcess w2 = worker("w2", dataDir);
        w1.awaitReady();
        w2.awaitReady();

        // provisioning through either worker; the streams are endless (normal speed, ~10 lines/s) with chaos
        for (int i = 0; i < CONNECTORS.size(); i++) {
            ServiceProcess via = i % 2 == 0 ? w1 : w2;
            HttpJson.Answer r = http.postJson(via.baseUrl() + "/api/ingest/provision", """
                    {"connector_id":"%s","source_type":"mulesoft_stream",
                     "target_url":"%s/api/stream/synthetic/mulesoft?chaos=true&seed=%d",
                     "policy":{"repair_enabled":true}}""".formatted(CONNECTORS.get(i), farm.baseUrl(), seed(i)),
                    Map.of("Authorization", "Bearer " + token));
            assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        }

        // spread fairly, each stream opened once; every worker shows the whole cluster
        Map<String, List<String>> spread = await(Duration.ofSeconds(30), () -> {
            Map<String, List<String>> owners = owners(w2);
            return owners.getOrDefault("w1", List.of()).size() == 2 && owners.getOrDefault("w2", List.of()).size() == 2
                    ? owners : null;
        });
        assertOpenedSettlesAt(Map.of(seed(0), 1L, seed(1), 1L, seed(2), 1L, seed(3), 1L));
        JsonNode telemetry = http.getJson(w1.baseUrl() + "/api/ingest/telemetry");
        assertThat(telemetry.get("connectors")).hasSize(4);
        for (JsonNode c : telemetry.get("connectors")) {
            assertThat(c.get("worker_id").asString()).isIn("w1", "w2");
            assertThat(c.get("lease_epoch").asLong()).isEqualTo(1);
        }

        // a paused owner (SIGSTOP past its lease) is fenced: the other takes over, and when it wakes it writes nothing
        List<String> paused = spread.get("w1");
        Map<Long, Long> before = opened();
        long t0 = System.nanoTime();
        w1.signal("STOP");
        await(TAKEOVER_BOUND, () -> owners(w2).getOrDefault("w2", List.of()).size() == 4 ? true : null);
        System.out.printf("cluster e2e: takeover from a paused owner after %d ms%n", millisSince(t0));
        assertOpenedSettlesAt(reopened(before, paused));
        w1.signal("CONT");
        await(Duration.ofSeconds(30), () -> {
            Map<String, List<String>> owners = owners(w2);
            return owners.getOrDefault("w1", List.of()).size() == 2 ? true : null; // w1 rejoined: fair share again
        });

        // SIGTERM hands over at once
        List<String> handed = owners(w2).get("w1");
        before = opened();
        t0 = System.nanoTime();
        w1.signal("TERM"); // not waiting for the process to exit: the handover happens during its shutdown
        await(HANDOVER_BOUND, () -> owners(w2).getOrDefault("w2", List.of()).size() == 4 ? true : null);
        System.out.printf("cluster e2e: handover after SIGTERM in %d ms%n", millisSince(t0));
        w1.terminate();
        assertOpenedSettlesAt(reopened(before, handed));

        // SIGKILL: the leases expire and the survivor opens each lost stream exactly once
        ServiceProcess w3 = worker("w3", dataDir);
        w3.awaitReady();
        await(Duration.ofSeconds(30), () -> owners(w2).getOrDefault("w3", List.of()).size() == 2 ? true : null);
        List<String> killed = owners(w2).get("w3");
        before = opened();
        t0 = System.nanoTime();
        w3.kill();
        await(TAKEOVER_BOUND, () -> owners(w2).getOrDefault("w2", List.of()).size() == 4 ? true : null);
        System.out.printf("cluster e2e: takeover after SIGKILL in %d ms%n", millisSince(t0));
        assertOpenedSettlesAt(reopened(before, killed));

        // the streams: no trace_id twice, epochs never go back (a fenced write never landed), counters = entries
        Thread.sleep(1000);
        for (String id : CONNECTORS) { // while w2 writes: the counters in Redis against the streams, whoever wrote them
            JsonNode audit = http.getJson(w2.baseUrl() + "/api/connectors/" + id + "/audit");
            assertThat(audit.get("balanced").asBoolean()).as("audit of " + id + ": " + audit).isTrue();
            assertThat(audit.get("stored").get("delivered").asLong()).as(id).isPositive();
        }
        w2.terminate(); // drains and writes what it read, then releases
        for (String id : CONNECTORS) {
            List<StreamMessage<String, String>> records = redis.xrange(prefix + ":records:" + id, Range.create("-", "+"));
            Set<String> traces = new HashSet<>();
            long lastEpoch = 0;
            for (StreamMessage<String, String> m : records) {
                JsonNode meta = HttpJson.JSON.readTree(m.getBody().get("envelope")).get("meta");
                assertThat(traces.add(meta.get("trace_id").asString())).as("trace_id twice in " + id).isTrue();
                long epoch = meta.get("lease_epoch").asLong();
                assertThat(epoch).as("epoch order in " + id).isGreaterThanOrEqualTo(lastEpoch);
                lastEpoch = epoch;
            }
            if (paused.contains(id)) {
                assertThat(lastEpoch).as(id + " was taken from the paused owner").isGreaterThan(1);
            }
            Map<String, String> counters = redis.hgetall(prefix + ":counters:" + id);
            assertThat(sum(counters, "delivered.")).isEqualTo(records.size());
            assertThat(sum(counters, "dead_lettered.")).isEqualTo(redis.xlen(prefix + ":dead-letters:" + id));
        }
    }

    private static long seed(int i) {
        return 9100 + i;
    }

    /** connector ids per worker, as /api/cluster on the given worker shows them. */
    private Map<String, List<String>> owners(ServiceProcess via) {
        Map<String, List<String>> owners = new HashMap<>();
        for (JsonNode w : http.getJson(via.baseUrl() + "/api/cluster").get("workers")) {
            List<String> ids = new ArrayList<>();
            w.get("connectors").forEach(c -> ids.add(c.asString()));
            owners.put(w.get("worker_id").asString(), ids);
        }
        return owners;
    }

    private Map<Long, Long> opened() {
        Map<Long, Long> bySeed = new HashMap<>();
        http.getJson(farm.baseUrl() + "/api/stream/synthetic/mulesoft/opened").get("by_seed").properties()
                .forEach(e -> bySeed.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
        return bySeed;
    }

    /** A new owner opens its stream just after taking the lease: wait for that, then check nothing opens again. */
    private void assertOpenedSettlesAt(Map<Long, Long> expected) throws InterruptedException {
        try {
            await(Duration.ofSeconds(5), () -> opened().equals(expected) ? true : null);
        } catch (AssertionError e) {
            // reported with the values below
        }
        Thread.sleep(1000);
        assertThat(opened()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** {@code before}, with each of the moved connectors' streams opened exactly once more. */
    private static Map<Long, Long> reopened(Map<Long, Long> before, List<String> moved) {
        Map<Long, Long> expected = new HashMap<>(before);
        moved.forEach(id -> expected.merge(seed(CONNECTORS.indexOf(id)), 1L, Long::sum));
        return expected;
    }

    private static long sum(Map<String, String> counters, String prefix) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static <T> T await(Duration bound, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound);
            }
            Thread.sleep(100);
        }
    }
}
