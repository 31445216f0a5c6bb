package com.autonomos.handshake.dcl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.repair.RecordRepairer;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
import com.autonomos.handshake.dcl.repair.RepairProperties;
import com.autonomos.handshake.dcl.sink.DeliveredRecord;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.SettledBatch;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.dcl.telemetry.IngestTelemetry;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settle step's own promise to the sink ({@link RecordSink}: one batch at a time, in stream order), under the
 * condition that broke it once: repairs finishing in bursts, so the ordered window releases many lines at once while
 * the linger timer is flushing a short batch. Reactor's plain {@code bufferTimeout} hands the timer's batch downstream
 * outside its lock, so a size-full batch could overtake it (the benchmark saw one record of 37,503 out of order).
 */
class SettleOrderTests {

    private static final int LINES = 30_000;

    private IngestPipeline pipeline;

    @AfterEach
    void stopWorkers() {
        if (pipeline != null) {
            pipeline.destroy();
        }
    }

    @Test
    void aBatchFlushedByTheLingerTimerIsStoredBeforeTheBurstThatFollowsIt() throws Exception {
        // Record 1 waits alone for its batch; record 2 is being repaired and holds records 3..102 behind it. The linger
        // timer hands [1] to the sink, whose write is slow; record 2's repair then finishes and releases a burst that
        // fills a whole batch at once. That batch must wait for [1] instead of being written beside (or before) it.
        Sinks.One<RepairOutcome> heldRepair = Sinks.one();
        OrderCheckingSink sink = new OrderCheckingSink(1);
        pipeline = new IngestPipeline(repairerHolding(Invoices.invoiceId(2), heldRepair), sink,
                properties(16, Duration.ofMillis(10), 3), repair(256), Clock.systemUTC());
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= 102; n++) {
            lines.add(n == 2 ? Invoices.withoutVendor(Invoices.invoiceId(n)) : Invoices.clean(Invoices.invoiceId(n)));
        }
        Flux<DataBuffer> reads = Flux.just(buffer(Invoices.ndjson(lines.subList(0, 1))), // record 1 in a read of its own
                buffer(Invoices.ndjson(lines.subList(1, lines.size()))));
        Mono<AttemptResult> ended = pipeline.run(session("linger"), reads).ended().cache();
        ended.subscribe();

        assertThat(sink.slowWriteStarted.await(10, TimeUnit.SECONDS)).as("the timer flushed record 1 alone").isTrue();
        heldRepair.tryEmitValue(repaired(lines.get(1)));
        AttemptResult result = ended.block(Duration.ofSeconds(30));

        assertThat(result.failure()).isNull();
        assertThat(sink.overlaps).as("settle calls that overlapped another").hasValue(0);
        assertThat(sink.interrupts).as("writes interrupted by the pipeline").hasValue(0);
        assertThat(sink.outOfOrder).as("records delivered before an earlier one").hasValue(0);
        assertThat(sink.delivered).hasValue(102);
    }

    @Test
    void hundredsOfRepairsFinishingInAnyOrderReachTheSinkInStreamOrder() {
        OrderCheckingSink sink = new OrderCheckingSink(0);
        pipeline = new IngestPipeline(repairerFinishingWithin(Duration.ofMillis(30)), sink,
                properties(64, Duration.ofMillis(1), 2), repair(256), Clock.systemUTC());

        AttemptResult result = pipeline.run(session("bursts"), body(LINES)).ended().block(Duration.ofSeconds(120));

        assertThat(result.failure()).isNull();
        assertThat(sink.overlaps).as("settle calls that overlapped another").hasValue(0);
        assertThat(sink.outOfOrder).as("records delivered before an earlier one").hasValue(0);
        assertThat(sink.delivered).as("every line delivered, clean or repaired").hasValue(LINES);
    }

    /** Every third line drifted (no vendor); ids count up from 1, in chunks of 64 lines like a network read. */
    private static Flux<DataBuffer> body(int lines) {
        return Flux.range(0, (lines + 63) / 64).map(chunk -> {
            StringBuilder b = new StringBuilder();
            for (int n = chunk * 64 + 1; n <= Math.min(lines, chunk * 64 + 64); n++) {
                String id = Invoices.invoiceId(n);
                b.append(n % 3 == 0 ? Invoices.withoutVendor(id) : Invoices.clean(id)).append('\n');
            }
            return buffer(b.toString());
        });
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A repairer that answers after a random delay up to {@code most}: later records often finish first. */
    private static RecordRepairer repairerFinishingWithin(Duration most) {
        return (config, record, drift) -> Mono.delay(Duration.ofNanos(
                        ThreadLocalRandom.current().nextLong(most.toNanos())))
                .map(tick -> repaired(record));
    }

    /** A repairer that answers at once, except for one invoice whose answer the test gives. */
    private static RecordRepairer repairerHolding(String invoiceId, Sinks.One<RepairOutcome> answer) {
        return (config, record, drift) -> invoiceId.equals(record.get("invoice_id").asString())
                ? answer.asMono() : Mono.just(repaired(record));
    }

    private static RepairOutcome repaired(String line) {
        return repaired((ObjectNode) JsonMapper.shared().readTree(line));
    }

    private static RepairOutcome repaired(ObjectNode record) {
        ObjectNode repaired = record.deepCopy();
        repaired.set("vendor", record.objectNode().put("name", "Acme Corp"));
        return new RepairOutcome(repaired, List.of("vendor"), new VerifyResult(true, 100.0,
                record.get("invoice_id").asString(), List.of(), "ok"), null, null, null);
    }

    private static StreamSession session(String id) {
        ConnectorConfig config = new ConnectorConfig(id, "mulesoft", "http://127.0.0.1:1/stream",
                ConnectorPolicy.repairing(), 1, false, Instant.now());
        IngestTelemetry telemetry = new IngestTelemetry(new SimpleMeterRegistry(), Clock.systemUTC(),
                SharedCounters.NONE);
        return new StreamSession(config, null, telemetry.meters(id), ConnectorLogs.of(id, 1), 0);
    }

    private static IngestProperties properties(int sinkBatch, Duration sinkLinger, int workers) {
        return new IngestProperties(DataSize.ofMegabytes(1), DataSize.ofKilobytes(4), 64, 100, 262_144,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(10), sinkBatch, sinkLinger, workers, 1024,
                new IngestProperties.Reconnect(Duration.ofMillis(200), Duration.ofSeconds(10), 0.5, true));
    }

    private static RepairProperties repair(int maxConcurrency) {
        return new RepairProperties(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(60), 10_000,
                Duration.ofSeconds(2), Duration.ofSeconds(10), DataSize.ofKilobytes(256), maxConcurrency, 512,
                Duration.ofSeconds(30));
    }

    /**
     * Counts settle calls that overlap and records whose invoice number is not above the last one stored. Optionally
     * writes the batch holding one invoice slowly: it waits until another settle call arrives (it should not) or a
     * second has passed.
     */
    private static final class OrderCheckingSink implements RecordSink {

        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger interrupts = new AtomicInteger();
        final CountDownLatch slowWriteStarted = new CountDownLatch(1);
        private final CountDownLatch anotherCallArrived = new CountDownLatch(1);
        private final AtomicBoolean busy = new AtomicBoolean();
        private final int slowInvoice;
        private int last;

        OrderCheckingSink(int slowInvoice) {
            this.slowInvoice = slowInvoice;
        }

        @Override
        public void settle(SettledBatch batch) {
            if (!busy.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
                anotherCallArrived.countDown();
            }
            try {
                boolean slow = false;
                for (DeliveredRecord r : batch.records()) {
                    int n = Integer.parseInt(r.payload().tree().get("invoice_id").asString().substring(4));
                    if (n <= last) {
                        outOfOrder.incrementAndGet();
                    }
                    last = n;
                    slow |= n == slowInvoice;
                    delivered.incrementAndGet();
                }
                if (slow) {
                    slowWriteStarted.countDown();
                    anotherCallArrived.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                interrupts.incrementAndGet(); // a sink with interruptible I/O (a Redis client) would fail the write
                Thread.currentThread().interrupt();
            } finally {
                busy.set(false);
            }
        }

        @Override
        public void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters) {
            throw new UnsupportedOperationException("settle is the pipeline's entry point");
        }

        @Override
        public void flush() {
        }

        @Override
        public StoredCounts stored(String connectorId) {
            return new StoredCounts(0, 0);
        }

        @Override
        public void release(String connectorId) {
        }
    }
}
