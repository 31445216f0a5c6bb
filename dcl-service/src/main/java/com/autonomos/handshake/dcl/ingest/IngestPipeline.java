package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.repair.RecordRepairer;
import com.autonomos.handshake.dcl.repair.RepairLane;
import com.autonomos.handshake.dcl.repair.RepairProperties;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
import com.autonomos.handshake.dcl.sink.DeliveredRecord;
import com.autonomos.handshake.dcl.sink.LeaseLostException;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.SettledBatch;
import com.autonomos.handshake.dcl.telemetry.DeliveryKind;
import com.autonomos.handshake.dcl.telemetry.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connection of a connector's stream, from bytes to the sink:
 * frame (Netty thread, bounded) → parse and classify (worker thread) → repair drifted records ({@link RepairLane}:
 * at most {@code dcl.repair.max-concurrency} at once) while keeping stream order ({@code flatMapSequential} over a
 * window of {@code dcl.ingest.reorder-window} lines) → settle in batches: sink write, then all counters of the batch in
 * one step. Lines move between the steps in chunks (a network read's lines, at most {@link #CHUNK}). Stopping
 * ({@code takeUntilOther}) and failures end the <em>read side</em> only, so lines already framed and repairs in flight
 * drain and are settled under the version their stream was opened with; nothing is dropped by a cancel. Every line
 * read is settled exactly once.
 */
@Component
class IngestPipeline implements DisposableBean {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * Lines travel between the pipeline's steps together, a network read's lines in chunks of at most this many: one
     * thread hop and one ordered-window slot per chunk rather than per line. Small, so that the window, counted in
     * chunks, still holds about as many lines when reads are short (a stream held back by slow repairs reads a few
     * lines at a time): 64-line chunks cut CPU per line from 10.3 to 8.9 µs, but repairs against a 50 ms Farm fell
     * from 682 to 413 a second; 8-line chunks measured 8.5 µs and 890 a second.
     */
    private static final int CHUNK = 8;
    /** Chunks a thread hop holds ready: 256 lines. */
    private static final int PREFETCH_CHUNKS = 256 / CHUNK;

    private final RecordRepairer repairer;
    private final RecordSink sink;
    private final IngestProperties properties;
    private final LineClassifier classifier;
    private final Clock clock;
    private final int repairConcurrency;
    private final Scheduler workers;

    IngestPipeline(RecordRepairer repairer, RecordSink sink, IngestProperties properties, RepairProperties repair,
                   Clock clock) {
        this.repairer = repairer;
        this.sink = sink;
        this.properties = properties;
        this.clock = clock;
        this.repairConcurrency = repair.maxConcurrency();
        this.classifier = new LineClassifier(properties);
        this.workers = Schedulers.newParallel("dcl-ingest", properties.workers(), true);
    }

    /**
     * Reads one connection's body (opened by the sidecar's {@link StreamReader}) until it ends, fails or the session
     * is stopped, and settles all it read. Subscribe to {@link Attempt#dataFlowing()} before {@link Attempt#ended()}.
     */
    Attempt run(StreamSession session, Flux<DataBuffer> body) {
        ConnectorConfig config = session.config();
        NdjsonFramer framer = new NdjsonFramer((int) properties.maxLineBytes().toBytes(),
                (int) properties.rawBound().toBytes());
        ReadState read = new ReadState();
        Sinks.Empty<Void> flowing = Sinks.empty();

        read.lastDataNanos = System.nanoTime();
        Flux<List<Frame>> chunks = body
                .takeUntilOther(Mono.firstWithValue(session.stopSignal(), read.abort.asMono(), idle(read)))
                .doOnNext(buffer -> {
                    read.lastDataNanos = System.nanoTime();
                    if (!read.sawData) {
                        read.sawData = true;
                        flowing.tryEmitEmpty();
                    }
                })
                .onErrorResume(e -> {
                    read.failure = e;
                    return Flux.empty(); // end the read side only: what was framed still drains
                })
                .map(buffer -> count(session, read, framer.feed(buffer)))
                .concatWith(Flux.defer(() -> Mono.just(
                        read.failure == null && !session.isStopped() ? count(session, read, framer.finish()) : List.of())))
                .concatMapIterable(IngestPipeline::chunked)
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);

        RepairLane<RepairOutcome> lane = new RepairLane<>(repairConcurrency);
        boolean repairing = config.policy().repairEnabled();
        int window = Math.max(1, (properties.reorderWindow() + CHUNK - 1) / CHUNK);
        Mono<AttemptResult> ended = chunks
                .publishOn(workers, PREFETCH_CHUNKS)
                .map(chunk -> classify(session, read, chunk))
                .flatMapSequential(chunk -> repairing ? repairDrifted(session, chunk, lane) : Flux.just(chunk),
                        window, 1)
                .publishOn(workers, PREFETCH_CHUNKS) // repairs complete on Netty threads; the sink is file or Redis I/O
                .concatMapIterable(chunk -> chunk)
                // The serialising variant of bufferTimeout: batches leave one at a time and in order, whichever of the
                // linger timer and a full batch comes first. The plain one hands a timer's batch on outside its lock,
                // so a full batch could overtake it (seen once in a benchmark), and it cancelled a running timer flush
                // with an interrupt (a sink write interrupted). SettleOrderTests holds both.
                .bufferTimeout(properties.sinkBatch(), properties.sinkLinger(), workers, true)
                .doOnNext(batch -> settle(session, read, batch))
                .doFinally(signal -> lane.dispose())
                .then(Mono.fromCallable(() -> new AttemptResult(read.failure, read.sawData)))
                .onErrorResume(e -> Mono.fromCallable(() -> { // a safety net: every line read is settled regardless
                    settleAborted(session, read, e);
                    return new AttemptResult(e, read.sawData);
                }));
        return new Attempt(flowing.asMono(), ended);
    }

    private static List<Frame> count(StreamSession session, ReadState read, List<Frame> lines) {
        session.meters().linesRead(lines.size());
        read.framed.addAndGet(lines.size());
        return lines;
    }

    /** A network read's lines as chunks of at most {@link #CHUNK}; none when it completed no line. */
    private static List<List<Frame>> chunked(List<Frame> lines) {
        if (lines.size() <= CHUNK) {
            return lines.isEmpty() ? List.of() : List.of(lines);
        }
        List<List<Frame>> chunks = new ArrayList<>(lines.size() / CHUNK + 1);
        for (int from = 0; from < lines.size(); from += CHUNK) {
            chunks.add(lines.subList(from, Math.min(lines.size(), from + CHUNK)));
        }
        return chunks;
    }

    private List<Classified> classify(StreamSession session, ReadState read, List<Frame> chunk) {
        List<Classified> classified = new ArrayList<>(chunk.size());
        for (Frame frame : chunk) {
            classified.add(classify(session, read, frame));
        }
        return classified;
    }

    /**
     * The chunk's lines in stream order with each drifted record repaired: the lines before the first drifted record at
     * once, then each drifted record together with the lines after it (up to the next one) as soon as its repair is
     * done, as with one line at a time. All repairs of the chunk run at once (the lane bounds the calls).
     */
    private Flux<List<Classified>> repairDrifted(StreamSession session, List<Classified> chunk,
                                                RepairLane<RepairOutcome> lane) {
        List<List<Classified>> segments = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < chunk.size(); i++) {
            if (chunk.get(i) instanceof Classified.Drifted) {
                segments.add(chunk.subList(start, i));
                start = i;
            }
        }
        if (start == 0 && !(chunk.get(0) instanceof Classified.Drifted)) {
            return Flux.just(chunk);
        }
        segments.add(chunk.subList(start, chunk.size()));
        return Flux.fromIterable(segments).flatMapSequential(segment -> segment.get(0) instanceof Classified.Drifted d
                ? repair(session, d, lane).map(repaired -> withFirst(repaired, segment))
                : Mono.just(segment), CHUNK, 1);
    }

    private static List<Classified> withFirst(Classified first, List<Classified> segment) {
        List<Classified> replaced = new ArrayList<>(segment);
        replaced.set(0, first);
        return replaced;
    }

    /**
     * Emits once the connection has sent nothing for the read idle timeout (stretched to cover a latency spike the
     * stream announced), after recording a {@link TimeoutException} as the read side's failure. A watchdog that looks
     * a few times per timeout, rather than {@code Flux.timeout}: that re-arms a timer for every network read, and
     * the scheduler's wake-ups cost about 7% of ingest's CPU.
     */
    private Mono<Long> idle(ReadState read) {
        long idleNanos = properties.readIdleTimeout().toNanos();
        Duration every = Duration.ofNanos(Math.max(Duration.ofMillis(10).toNanos(),
                Math.min(idleNanos / 10, Duration.ofSeconds(1).toNanos())));
        return Flux.interval(every, every)
                .filter(tick -> {
                    long now = System.nanoTime();
                    long quietSince = read.lastDataNanos;
                    return now - quietSince > idleNanos && !(read.spikeAnnounced && now - read.spikeDeadline < 0);
                })
                .next()
                .doOnNext(tick -> read.failure = new TimeoutException(
                        "no data for " + properties.readIdleTimeout().toMillis() + " ms"));
    }

    /**
     * Classifies a line; an exception settles that line as a dead letter ({@code processing_failed}) and the stream
     * goes on. An {@link Error} also ends this connection's reading: what was read drains, and the connector is FAILED.
     */
    private Classified classify(StreamSession session, ReadState read, Frame frame) {
        try {
            return classifyLine(session, read, frame);
        } catch (RuntimeException | Error e) {
            if (e instanceof Error error) {
                read.failure = error;
                read.abort.tryEmitValue(Boolean.TRUE);
            }
            session.logs().failure().info(() -> "Line processing failed connector=" + session.connectorId()
                    + " error=\"" + e + "\"");
            byte[] bytes = frame.bytes();
            return new Classified.Rejected(DeadLetterReason.PROCESSING_FAILED, "processing failed: " + e,
                    classifier.raw(bytes), classifier.truncated(bytes));
        }
    }

    private Classified classifyLine(StreamSession session, ReadState read, Frame frame) {
        Classified c = classifier.classify(frame);
        if (c instanceof Classified.Rejected r && r.reason() == DeadLetterReason.EMPTY_LINE
                && session.config().policy() != null && session.config().policy().skipsEmptyLines()) {
            return Classified.Control.KEEP_ALIVE; // policy empty_lines: skip, this source's blank lines are keep-alives
        }
        if (c instanceof Classified.Control control && control.chaos() != null) {
            if (control.delaySeconds() > 0) {
                read.spikeDeadline = System.nanoTime()
                        + Duration.ofSeconds(control.delaySeconds()).plus(properties.spikeMargin()).toNanos();
                read.spikeAnnounced = true;
            }
            session.logs().control().info(() -> "Control line connector=" + session.connectorId()
                    + " chaos=" + control.chaos() + " delay_seconds=" + control.delaySeconds());
        } else if (c instanceof Classified.Drifted d) {
            session.logs().drift().info(() -> "Drift Detected connector=" + session.connectorId()
                    + " invoice_id=" + invoiceId(d.record()) + " fields=" + fields(d.drift()));
        }
        return c;
    }

    private Mono<Classified> repair(StreamSession session, Classified.Drifted d, RepairLane<RepairOutcome> lane) {
        Mono<RepairOutcome> work = Mono.defer(() -> repairer.repair(session.config(), d.record(), d.drift()))
                .onErrorResume(e -> Mono.just(failure("repairer failed: " + e)))
                .switchIfEmpty(Mono.fromSupplier(() -> failure("repairer gave no outcome")));
        return Mono.defer(() -> {
            long started = System.nanoTime(); // what repair adds to the record, waiting for the lane included
            return lane.submit(work)
                    .or(session.abandonSignal().map(x -> failure("shutdown before the repair finished")))
                    .doOnNext(outcome -> session.meters().repairLatency(Duration.ofNanos(System.nanoTime() - started)))
                    .map(outcome -> new Classified.Repaired(d, outcome));
        });
    }

    private static RepairOutcome failure(String detail) {
        return new RepairOutcome(null, List.of(), null, null, DeadLetterReason.REPAIR_UNAVAILABLE, detail);
    }

    private void settle(StreamSession session, ReadState read, List<Classified> batch) {
        String id = session.connectorId();
        long version = session.config().version();
        Instant now = clock.instant();
        Settlement tally = new Settlement();
        List<DeliveredRecord> delivered = new ArrayList<>(batch.size());
        List<DeadLetter> dead = new ArrayList<>();
        for (Classified c : batch) {
            if (c instanceof Classified.Control control) {
                tally.control(control.chaos() != null);
            } else if (c instanceof Classified.Rejected r) {
                dead.add(new DeadLetter(id, version, r.reason(), r.detail(), r.raw(), r.rawTruncated(), now));
                tally.deadLettered(r.reason());
            } else if (c instanceof Classified.Clean clean) {
                delivered.add(new DeliveredRecord(meta(session, now, false, List.of(), List.of(), null),
                        clean.payload()));
                tally.delivered(DeliveryKind.CLEAN);
            } else if (c instanceof Classified.Drifted d) { // repair disabled by policy: delivered as read
                tally.driftDetected();
                delivered.add(new DeliveredRecord(meta(session, now, false, List.of(), d.drift(), null), d.record()));
                tally.delivered(DeliveryKind.DRIFTED);
            } else if (c instanceof Classified.Repaired r) {
                settleRepaired(session, now, r, tally, delivered, dead);
            }
        }
        Settlement counted = session.meters().settle(() -> write(session, now, batch, delivered, dead, tally));
        read.settled.addAndGet(counted.lines());
        if (!delivered.isEmpty() || !dead.isEmpty()) {
            session.firstRecordSettled();
        }
    }

    /**
     * Stores a batch; returns what it settled (a refused batch's data lines become dead letters). Cluster mode: the
     * records and their counters in one fenced, atomic step; a lost lease writes nothing and ends this connection.
     */
    private Settlement write(StreamSession session, Instant now, List<Classified> batch, List<DeliveredRecord> delivered,
                             List<DeadLetter> dead, Settlement tally) {
        try {
            store(session, delivered, dead, tally);
            return tally;
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            return sinkRefused(session, now, batch, e);
        }
    }

    /** One batch to the sink, under the lease epoch the session reads with (0 embedded). */
    private void store(StreamSession session, List<DeliveredRecord> delivered, List<DeadLetter> dead, Settlement tally) {
        long epoch = session.lease() == null ? 0 : session.lease().epoch();
        sink.settle(new SettledBatch(session.connectorId(), epoch, delivered, dead, tally));
    }

    /** The sink refused a batch: none of its data lines was delivered; each becomes a {@code processing_failed}. */
    private Settlement sinkRefused(StreamSession session, Instant now, List<Classified> batch, RuntimeException e) {
        Settlement tally = new Settlement();
        List<DeadLetter> dead = new ArrayList<>();
        String detail = "sink write failed: " + e;
        for (Classified c : batch) {
            if (c instanceof Classified.Control control) {
                tally.control(control.chaos() != null);
            } else {
                tally.deadLettered(DeadLetterReason.PROCESSING_FAILED);
                dead.add(new DeadLetter(session.connectorId(), session.config().version(),
                        DeadLetterReason.PROCESSING_FAILED, detail, null, false, now));
            }
        }
        session.logs().failure().info(() -> "Sink write failed connector=" + session.connectorId() + " lines="
                + dead.size() + " error=\"" + e + "\"");
        try {
            store(session, List.of(), dead, tally);
        } catch (RuntimeException again) {
            // the sink is down: the dead letters are counted, and the log line above says where they went
        }
        return tally;
    }

    /**
     * The pipeline of one connection ended with an error: every line it read and did not settle is dead-lettered
     * {@code stream_aborted} (the line itself is gone with the pipeline), so the counters still add up.
     */
    private void settleAborted(StreamSession session, ReadState read, Throwable e) {
        long missing = read.framed.get() - read.settled.get();
        if (missing <= 0) {
            return;
        }
        Instant now = clock.instant();
        Settlement tally = new Settlement();
        List<DeadLetter> dead = new ArrayList<>();
        String detail = "the connection's pipeline ended before the line was settled: " + e;
        for (long i = 0; i < missing; i++) {
            tally.deadLettered(DeadLetterReason.STREAM_ABORTED);
            dead.add(new DeadLetter(session.connectorId(), session.config().version(), DeadLetterReason.STREAM_ABORTED,
                    detail, null, false, now));
        }
        session.meters().settle(() -> {
            try {
                store(session, List.of(), dead, tally);
            } catch (RuntimeException | Error again) { // this is the net under everything: it must settle regardless
                // counted all the same; the error is in the log line
            }
            return tally;
        });
        read.settled.addAndGet(missing);
        session.logs().failure().info(() -> "Stream aborted connector=" + session.connectorId() + " unsettled="
                + missing + " error=\"" + e + "\"");
    }

    private void settleRepaired(StreamSession session, Instant now, Classified.Repaired r, Settlement tally,
                                List<DeliveredRecord> delivered, List<DeadLetter> dead) {
        RepairOutcome o = r.outcome();
        Classified.Drifted d = r.drifted();
        tally.driftDetected();
        if (o.verification() != null) {
            tally.verification(o.verification().verified());
        } else if (o.verifyError() != null) {
            tally.verification(null);
        }
        if (!o.succeeded()) {
            tally.repairFailed(o.failure());
            tally.deadLettered(o.failure());
            dead.add(new DeadLetter(session.connectorId(), session.config().version(), o.failure(), o.detail(),
                    classifier.raw(d.line()), classifier.truncated(d.line()), now));
            return;
        }
        tally.repaired();
        if (o.wasReconciled()) {
            tally.reconciled();
        }
        boolean verified = o.verified();
        tally.delivered(verified ? DeliveryKind.REPAIRED_VERIFIED : DeliveryKind.REPAIRED_UNVERIFIED);
        delivered.add(new DeliveredRecord(meta(session, now, true, o.repairedFields(), d.drift(), o), o.repaired()));
        session.logs().repaired().info(() -> "Repaired connector=" + session.connectorId()
                + " invoice_id=" + invoiceId(o.repaired()) + " fields=" + o.repairedFields() + " verified=" + verified
                + (o.wasReconciled() ? " reconciled=" + o.reconciled().stream().map(x -> x.field()).toList() : ""));
    }

    private static EnvelopeMeta meta(StreamSession session, Instant now, boolean repaired, List<String> repairedFields,
                                     List<DriftItem> drift, RepairOutcome outcome) {
        VerifyResult v = outcome == null ? null : outcome.verification();
        return new EnvelopeMeta(session.connectorId(), session.config().version(), session.config().sourceType(), now,
                traceId(), repaired, repairedFields, drift,
                outcome == null ? null : outcome.verified(),
                v == null ? null : v.qualityScore(),
                v == null ? null : v.mismatches(),
                outcome == null ? null : outcome.verifyError(),
                outcome == null || !outcome.wasReconciled() ? null : outcome.reconciled(),
                session.lease() == null ? null : session.lease().workerId(),
                session.lease() == null ? null : session.lease().epoch());
    }

    /** A W3C-format trace id: 32 lowercase hex digits, not all zero (no {@code String.format}: it runs per record). */
    private static String traceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return HEX.toHexDigits(r.nextLong() | 1L) + HEX.toHexDigits(r.nextLong());
    }

    private static String invoiceId(ObjectNode record) {
        JsonNode id = record == null ? null : record.get("invoice_id");
        return id == null ? "<missing>" : id.isString() ? id.asString() : id.toString();
    }

    private static List<String> fields(List<DriftItem> drift) {
        return drift.stream().map(DriftItem::field).toList();
    }

    @Override
    public void destroy() {
        workers.dispose();
    }

    /** What the read side of one connection saw; written by the reading threads, read after the pipeline drained. */
    private static final class ReadState {
        volatile Throwable failure;
        volatile boolean sawData;
        volatile boolean spikeAnnounced;
        volatile long spikeDeadline;
        volatile long lastDataNanos;
        final AtomicLong framed = new AtomicLong();
        final AtomicLong settled = new AtomicLong();
        final Sinks.One<Boolean> abort = Sinks.one();
    }
}
