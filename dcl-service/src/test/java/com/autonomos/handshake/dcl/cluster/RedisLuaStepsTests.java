package com.autonomos.handshake.dcl.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorsProperties;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ProvisionOutcome;
import com.autonomos.handshake.dcl.sink.DeliveredRecord;
import com.autonomos.handshake.dcl.sink.LeaseLostException;
import com.autonomos.handshake.dcl.sink.RecentRecords;
import com.autonomos.handshake.dcl.sink.SettledBatch;
import com.autonomos.handshake.dcl.sink.SinkProperties;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.dcl.telemetry.DeliveryKind;
import com.autonomos.handshake.dcl.telemetry.Settlement;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The atomic steps of cluster mode, run by the real Redis: fenced appends with counters, leases, versions. */
class RedisLuaStepsTests {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private LocalRedis local;

    @BeforeEach
    void connect() {
        local = LocalRedis.connectOrSkip();
    }

    @AfterEach
    void cleanUp() {
        if (local != null) {
            local.close();
        }
    }

    private ClusterProperties properties(String worker) {
        return new ClusterProperties(LocalRedis.URL, local.prefix, worker, Duration.ofSeconds(10), Duration.ofSeconds(2),
                1000, Duration.ofMillis(100));
    }

    private ConnectorRegistry registry() {
        return new ConnectorRegistry(new RedisConnectorStore(local.redis, local.keys, MAPPER), event -> { }, CLOCK,
                new ConnectorsProperties(100));
    }

    private LeaseKeeper keeper(String worker, ConnectorRegistry registry) {
        return new LeaseKeeper(local.redis, local.keys, properties(worker), registry,
                new DefaultListableBeanFactory().getBeanProvider(ConnectorRuntime.class), event -> { }, CLOCK);
    }

    private long acquire(String worker, String connector) {
        return local.redis.execute(LeaseKeeper.ACQUIRE, List.of(local.keys.lease(connector), local.keys.epoch(connector)),
                worker, "10000");
    }

    private void release(String worker, String connector, long epoch) {
        local.redis.execute(LeaseKeeper.RELEASE, List.of(local.keys.lease(connector)), worker, Long.toString(epoch),
                connector, local.keys.leaseChannel());
    }

    private RedisRecordSink sink(LeaseKeeper keeper) {
        return new RedisRecordSink(local.redis, local.keys, properties(keeper.workerId()), keeper, MAPPER,
                new RecentRecords(new SinkProperties(null, null, 10, 100)));
    }

    private static SettledBatch batch(String connector, long epoch, int records, int deadLetters, int controls) {
        Settlement tally = new Settlement();
        List<DeliveredRecord> delivered = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            ObjectNode payload = MAPPER.createObjectNode().put("invoice_id", "INV-" + (100000 + i));
            delivered.add(new DeliveredRecord(new EnvelopeMeta(connector, 1, "mulesoft_stream", Instant.now(),
                    "trace" + epoch + "-" + i, false, List.of(), List.of(), null, null, null, null, null, "w", epoch), payload));
            tally.delivered(DeliveryKind.CLEAN);
        }
        List<DeadLetter> dead = new ArrayList<>();
        for (int i = 0; i < deadLetters; i++) {
            dead.add(new DeadLetter(connector, 1, DeadLetterReason.MALFORMED, "not JSON", "{oops", false, Instant.now()));
            tally.deadLettered(DeadLetterReason.MALFORMED);
        }
        for (int i = 0; i < controls; i++) {
            tally.control(false);
        }
        return new SettledBatch(connector, epoch, delivered, dead, tally);
    }

    @Test
    void aStaleEpochIsRefusedByRedisAndWritesNothing() {
        LeaseKeeper a = keeper("worker-a", registry());
        long first = acquire("worker-a", "c1");
        release("worker-a", "c1", first);
        long second = acquire("worker-b", "c1"); // a new owner: a new epoch

        assertThat(second).isEqualTo(first + 1);
        assertThatThrownBy(() -> sink(a).settle(batch("c1", first, 3, 1, 2)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(local.redis.hasKey(local.keys.records("c1"))).isFalse();
        assertThat(local.redis.hasKey(local.keys.deadLetters("c1"))).isFalse();
        assertThat(local.redis.hasKey(local.keys.counters("c1"))).isFalse();
    }

    @Test
    void countersEqualWhatTheStreamsReceivedAfterEveryBatch() {
        LeaseKeeper b = keeper("worker-b", registry());
        long epoch = acquire("worker-b", "c2");
        // the sink reads the epoch of the batch, not the keeper's map: hand it the one Redis gave
        RedisRecordSink sink = sink(b);
        int[][] batches = {{5, 0, 1}, {0, 2, 0}, {7, 3, 4}, {0, 0, 3}};
        long records = 0;
        long dead = 0;
        long control = 0;
        for (int[] n : batches) {
            sink.settle(batch("c2", epoch, n[0], n[1], n[2]));
            records += n[0];
            dead += n[1];
            control += n[2];
            Map<String, Long> counters = sink.counters("c2").orElseThrow();
            var counts = SharedCounters.toCounts(counters, 0, 0, 0);
            StoredCounts stored = sink.stored("c2");
            assertThat(counts.delivered()).isEqualTo(records).isEqualTo(stored.delivered())
                    .isEqualTo(local.redis.opsForStream().size(local.keys.records("c2")));
            assertThat(counts.deadLettered()).isEqualTo(dead).isEqualTo(stored.deadLettered())
                    .isEqualTo(local.redis.opsForStream().size(local.keys.deadLetters("c2")));
            assertThat(counts.control()).isEqualTo(control);
            assertThat(counts.linesReceived()).isEqualTo(records + dead + control);
        }
        var first = local.redis.opsForStream().range(local.keys.records("c2"),
                org.springframework.data.domain.Range.unbounded()).get(0);
        assertThat((String) first.getValue().get("envelope"))
                .contains("\"meta\":{\"connector_id\":\"c2\"").contains("\"lease_epoch\":" + epoch)
                .contains("\"payload\":{\"invoice_id\":\"INV-100000\"}");
    }

    @Test
    void aRetriedBatchThatHadLandedIsNotAppendedTwice() {
        long epoch = acquire("worker-r", "c4");
        List<String> keyList = List.of(local.keys.lease("c4"), local.keys.records("c4"), local.keys.deadLetters("c4"),
                local.keys.counters("c4"), local.keys.lastBatch("c4"));
        Object[] args = {"worker-r", Long.toString(epoch), "1000", "2", "0", "worker-r:" + epoch + ":1",
                "{\"meta\":{},\"payload\":{}}", "{\"meta\":{},\"payload\":{}}", "lines", "2", "delivered.clean", "2"};

        assertThat(local.redis.execute(RedisRecordSink.APPEND, keyList, args)).isEqualTo(2L);
        assertThat(local.redis.execute(RedisRecordSink.APPEND, keyList, args)).isEqualTo(-2L); // the retry

        assertThat(local.redis.opsForStream().size(local.keys.records("c4"))).isEqualTo(2);
        assertThat(local.redis.opsForHash().get(local.keys.counters("c4"), "delivered.clean")).isEqualTo("2");
    }

    @Test
    void eachStreamIsTrimmedToAboutItsBoundWhileTheRecountKeepsEveryEntry() {
        LeaseKeeper t = keeper("worker-t", registry());
        long epoch = acquire("worker-t", "c5");
        RedisRecordSink sink = sink(t); // stream-max-length 1000, the smallest allowed
        for (int i = 0; i < 30; i++) {
            sink.settle(batch("c5", epoch, 100, 50, 0));
        }
        // MAXLEN ~ removes whole stream nodes only: at least the bound stays, and less than a node's worth more
        assertThat(local.redis.opsForStream().size(local.keys.records("c5"))).isBetween(1000L, 1100L);
        assertThat(local.redis.opsForStream().size(local.keys.deadLetters("c5"))).isBetween(1000L, 1100L);
        assertThat(sink.stored("c5")).isEqualTo(new StoredCounts(3000, 1500));
        var counts = SharedCounters.toCounts(sink.counters("c5").orElseThrow(), 0, 0, 0);
        assertThat(counts.delivered()).isEqualTo(3000);
        assertThat(counts.deadLettered()).isEqualTo(1500);
    }

    @Test
    void aLeaseHasOneOwnerAndEveryNewOwnerGetsAHigherEpoch() {
        long a = acquire("worker-a", "c3");
        assertThat(acquire("worker-b", "c3")).isZero(); // held: refused
        assertThat(acquire("worker-a", "c3")).isEqualTo(a); // the holder re-acquiring keeps its epoch
        release("worker-b", "c3", a); // not b's: nothing happens
        assertThat(acquire("worker-b", "c3")).isZero();
        release("worker-a", "c3", a);
        long b = acquire("worker-b", "c3");
        assertThat(b).isEqualTo(a + 1);
        Long renewedByStale = local.redis.execute(LeaseKeeper.RENEW, List.of(local.keys.lease("c3")), "worker-a",
                Long.toString(a), "10000", "RUNNING");
        assertThat(renewedByStale).isZero();
    }

    @Test
    void concurrentProvisionsThroughTwoWorkersGetConsecutiveVersions() throws Exception {
        ConnectorRegistry one = registry();
        ConnectorRegistry two = registry();
        int perWorker = 6;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ProvisionOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < perWorker; i++) {
                int n = i;
                calls.add(() -> one.provision(pkg("http://localhost:8088/one/" + n)));
                calls.add(() -> two.provision(pkg("http://localhost:8088/two/" + n)));
            }
            List<Long> versions = new ArrayList<>();
            for (Future<ProvisionOutcome> f : pool.invokeAll(calls)) {
                ProvisionOutcome outcome = f.get();
                assertThat(outcome.changed()).isTrue();
                versions.add(outcome.current().version());
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 2L * perWorker).boxed().toList());
            one.refreshAll();
            two.refreshAll();
            assertThat(one.find("shared").orElseThrow().version()).isEqualTo(2L * perWorker);
            assertThat(two.find("shared").orElseThrow()).isEqualTo(one.find("shared").orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConnectorCreatedAgainAfterADeleteContinuesItsVersionsThroughAnyWorker() {
        ConnectorRegistry one = registry();
        one.provision(pkg("http://localhost:8088/a"));
        one.provision(pkg("http://localhost:8088/b"));
        assertThat(one.delete("shared")).isPresent();

        ConnectorRegistry two = registry(); // another worker, created after the delete
        ProvisionOutcome again = two.provision(pkg("http://localhost:8088/c"));

        assertThat(again.current().version()).isEqualTo(3);
        assertThat(local.redis.hasKey(local.keys.connector("shared"))).isTrue();
    }

    private static ProvisioningPackage pkg(String target) {
        return new ProvisioningPackage("shared", "mulesoft_stream", target, ConnectorPolicy.repairing());
    }
}
