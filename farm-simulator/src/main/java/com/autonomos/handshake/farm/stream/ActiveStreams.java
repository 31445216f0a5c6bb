package com.autonomos.handshake.farm.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The streams being served: how many (gauge {@code farm.stream.active}), how many lines of each kind went out
 * ({@code farm.stream.lines}), and the shutdown signal. Stopped before the web server's graceful shutdown, so that
 * endless streams end cleanly instead of holding shutdown for its whole timeout.
 */
@Component
class ActiveStreams implements SmartLifecycle {

    /** How many streams ever opened per seed: lets a test see that a failover opened each stream exactly once. */
    private static final int MAX_SEEDS_TRACKED = 1000;

    private final AtomicInteger active = new AtomicInteger();
    private final Map<Long, Long> openedBySeed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, Instant> firstByteBySeed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter openedTotal;
    private final Map<LineKind, Counter> lines = new EnumMap<>(LineKind.class);
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    ActiveStreams(MeterRegistry registry) {
        openedTotal = Counter.builder("farm.stream.opened").description("Streams opened").register(registry);
        Gauge.builder("farm.stream.active", active, AtomicInteger::get)
                .description("Streams being served").register(registry);
        for (LineKind kind : LineKind.values()) {
            lines.put(kind, Counter.builder("farm.stream.lines").tag("kind", kind.name())
                    .description("Stream lines written").register(registry));
        }
    }

    int active() {
        return active.get();
    }

    void opened() {
        active.incrementAndGet();
    }

    /** A stream request was accepted (counted once per connection, before its first line). */
    void requested(long seed) {
        openedTotal.increment();
        if (openedBySeed.size() < MAX_SEEDS_TRACKED || openedBySeed.containsKey(seed)) {
            openedBySeed.merge(seed, 1L, Long::sum);
        }
    }

    /**
     * The first line of a stream went out to the client (written and flushed), at {@code at}: lets a benchmark time
     * a consumer's switch to a new stream from its own clock to the moment the new stream's bytes left the Farm.
     */
    void firstByte(long seed, Instant at) {
        if (firstByteBySeed.size() < MAX_SEEDS_TRACKED || firstByteBySeed.containsKey(seed)) {
            firstByteBySeed.put(seed, at);
        }
    }

    /** When the latest stream of each seed sent its first line (the first {@value #MAX_SEEDS_TRACKED} seeds). */
    Map<Long, Instant> firstByteBySeed() {
        return new java.util.TreeMap<>(firstByteBySeed);
    }

    /** Streams opened so far, per seed (the first {@value #MAX_SEEDS_TRACKED} seeds). */
    Map<Long, Long> openedBySeed() {
        return new java.util.TreeMap<>(openedBySeed);
    }

    void closed(long[] linesByKind) {
        active.decrementAndGet();
        for (LineKind kind : LineKind.values()) {
            if (linesByKind[kind.ordinal()] > 0) {
                lines.get(kind).increment(linesByKind[kind.ordinal()]);
            }
        }
    }

    boolean stopping() {
        return stopping.getCount() == 0;
    }

    /** Waits {@code nanos}; false when the application began to stop meanwhile. */
    boolean pause(long nanos) throws InterruptedException {
        return nanos <= 0 ? !stopping() : !stopping.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
