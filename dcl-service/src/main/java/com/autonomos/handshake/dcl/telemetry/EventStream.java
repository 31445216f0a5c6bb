package com.autonomos.handshake.dcl.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.system.Ticker;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Fans DCL's INFO+ log lines ({@code log} events) and a telemetry snapshot every tick ({@code telemetry} events) out to
 * server-sent-event subscribers. Each subscriber has its own bounded queue drained by its own sender, so a slow or
 * vanished client is dropped and never blocks the pipeline or the logger. The latest log lines are kept in a small
 * ring and replayed to each new subscriber, so a dashboard opened after the handshake still shows how it went.
 */
@Component
class EventStream implements SmartLifecycle {

    static final String LOGGER_ROOT = "com.autonomos.handshake.dcl";
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(EventStream.class);
    /** Log lines that tell how the handshake went; the latest {@value #HANDSHAKE_REPLAY} are always replayed. */
    static final String HANDSHAKE_PREFIX = "Received Provisioning Command";
    static final int HANDSHAKE_REPLAY = 10;
    private static final long REFUSAL_WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final TelemetrySnapshots snapshots;
    private final TelemetryProperties properties;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final LogFanout appender = new LogFanout();
    private final Deque<Replayed> recentLogs = new ArrayDeque<>();
    /** The latest handshake lines, kept apart so that no flood of other lines pushes them out of the replay. */
    private final Deque<Replayed> handshakeLogs = new ArrayDeque<>();
    private long logSequence; // guarded by recentLogs
    private long refusedSinceWarning; // guarded by this
    private long lastRefusalWarning = System.nanoTime() - REFUSAL_WARNING_INTERVAL_NANOS;
    private final Ticker ticker;
    private volatile Ticker.Tick tick;

    EventStream(TelemetrySnapshots snapshots, TelemetryProperties properties, Ticker ticker) {
        this.snapshots = snapshots;
        this.properties = properties;
        this.ticker = ticker;
    }

    /**
     * A new subscriber from {@code client} (its address); null when the global or the per-client limit is reached,
     * in which case one WARN line is written at most every 10 s with how many were refused.
     */
    SseEmitter subscribe(String client) {
        String refused = null;
        Subscriber subscriber;
        SseEmitter emitter = new SseEmitter(0L); // the stream is endless; a gone client shows on the next send
        synchronized (this) { // check and add together, so concurrent subscribers cannot overshoot either limit
            if (subscribers.size() >= properties.maxSubscribers()) {
                refused = "max-subscribers=" + properties.maxSubscribers();
            } else if (subscribers.stream().filter(s -> s.client.equals(client)).count()
                    >= properties.maxSubscribersPerClient()) {
                refused = "max-subscribers-per-client=" + properties.maxSubscribersPerClient();
            }
            if (refused != null) {
                refusedSinceWarning++;
                long now = System.nanoTime();
                if (now - lastRefusalWarning >= REFUSAL_WARNING_INTERVAL_NANOS) {
                    log.warn("Event subscribers refused count={} limit={} client={}", refusedSinceWarning, refused,
                            client);
                    refusedSinceWarning = 0;
                    lastRefusalWarning = now;
                }
                return null;
            }
            subscriber = new Subscriber(emitter, properties.subscriberBuffer(), client);
            subscribers.add(subscriber);
        }
        emitter.onCompletion(() -> drop(subscriber));
        emitter.onTimeout(() -> drop(subscriber));
        emitter.onError(e -> drop(subscriber));
        subscriber.start();
        synchronized (recentLogs) {
            List<Replayed> replay = new ArrayList<>(recentLogs);
            handshakeLogs.stream().filter(h -> replay.isEmpty() || h.sequence() < replay.get(0).sequence())
                    .forEach(replay::add); // those still in the general ring are there already
            replay.sort(Comparator.comparingLong(Replayed::sequence));
            replay.forEach(line -> subscriber.offer(new Event("log", line.line())));
        }
        subscriber.offer(new Event("telemetry", snapshots.snapshot()));
        return emitter;
    }

    private void broadcast(Event event) {
        for (Subscriber s : subscribers) {
            if (!s.offer(event)) {
                drop(s); // fell behind by a whole buffer: drop it rather than hold the pipeline or grow
            }
        }
    }

    private void drop(Subscriber subscriber) {
        if (subscribers.remove(subscriber)) {
            subscriber.close();
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void tick() {
        if (!subscribers.isEmpty()) {
            broadcast(new Event("telemetry", snapshots.snapshot()));
        }
    }

    @Override
    public void start() {
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.setName("dcl-events");
        appender.start();
        logger().addAppender(appender);
        tick = ticker.every("telemetry-events", properties.tick(), this::tick);
    }

    @Override
    public void stop() {
        Ticker.Tick t = tick;
        tick = null;
        if (t != null) {
            t.cancel();
        }
        logger().detachAppender(appender);
        appender.stop();
        subscribers.forEach(this::drop);
    }

    @Override
    public boolean isRunning() {
        return appender.isStarted();
    }

    @Override
    public int getPhase() {
        return LifecyclePhase.TELEMETRY.phase();
    }

    private static Logger logger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LOGGER_ROOT);
    }

    record Event(String name, Object data) {
    }

    private record Replayed(long sequence, LogEvent line) {
    }

    private final class LogFanout extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
                return;
            }
            LogEvent line = new LogEvent(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                    event.getLoggerName(), event.getFormattedMessage());
            synchronized (recentLogs) {
                Replayed replayed = new Replayed(logSequence++, line);
                if (recentLogs.size() >= properties.logReplay() && !recentLogs.isEmpty()) {
                    recentLogs.removeFirst();
                }
                if (properties.logReplay() > 0) {
                    recentLogs.addLast(replayed);
                    if (line.message() != null && line.message().startsWith(HANDSHAKE_PREFIX)) {
                        if (handshakeLogs.size() >= HANDSHAKE_REPLAY) {
                            handshakeLogs.removeFirst();
                        }
                        handshakeLogs.addLast(replayed);
                    }
                }
            }
            if (!subscribers.isEmpty()) {
                broadcast(new Event("log", line));
            }
        }
    }

    private final class Subscriber {
        private final SseEmitter emitter;
        private final Sinks.Many<Event> queue;
        private final String client;
        private volatile Disposable sender;

        Subscriber(SseEmitter emitter, int buffer, String client) {
            this.emitter = emitter;
            this.client = client;
            this.queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<Event>get(buffer).get());
        }

        void start() {
            sender = queue.asFlux()
                    .publishOn(Schedulers.boundedElastic(), 1)
                    .subscribe(this::send);
        }

        /** False when the queue is full (or the subscriber gone). */
        synchronized boolean offer(Event event) {
            return queue.tryEmitNext(event).isSuccess();
        }

        private void send(Event event) {
            try {
                emitter.send(SseEmitter.event().name(event.name())
                        .reconnectTime(properties.clientRetry().toMillis())
                        .data(event.data(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                drop(this);
            }
        }

        void close() {
            synchronized (this) {
                queue.tryEmitComplete();
            }
            Disposable s = sender;
            if (s != null) {
                s.dispose();
            }
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed or the client is gone
            }
        }
    }
}
