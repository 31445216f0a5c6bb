package com.autonomos.handshake.dcl.telemetry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
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
public class EventStream implements SmartLifecycle {

    static final String LOGGER_ROOT = "com.autonomos.handshake.dcl";
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(EventStream.class);

    private final TelemetrySnapshots snapshots;
    private final IngestTelemetry telemetry;
    private final TelemetryProperties properties;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final LogFanout appender = new LogFanout();
    private final Deque<LogEvent> recentLogs = new ArrayDeque<>();
    private volatile Disposable ticker;

    EventStream(TelemetrySnapshots snapshots, IngestTelemetry telemetry, TelemetryProperties properties) {
        this.snapshots = snapshots;
        this.telemetry = telemetry;
        this.properties = properties;
    }

    /** A new subscriber; null when the subscriber limit is reached. */
    SseEmitter subscribe() {
        if (subscribers.size() >= properties.maxSubscribers()) {
            return null;
        }
        SseEmitter emitter = new SseEmitter(0L); // the stream is endless; a gone client shows on the next send
        Subscriber subscriber = new Subscriber(emitter, properties.subscriberBuffer());
        subscribers.add(subscriber);
        emitter.onCompletion(() -> drop(subscriber));
        emitter.onTimeout(() -> drop(subscriber));
        emitter.onError(e -> drop(subscriber));
        subscriber.start();
        synchronized (recentLogs) {
            recentLogs.forEach(line -> subscriber.offer(new Event("log", line)));
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
        telemetry.sampleRates();
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
        ticker = Flux.interval(properties.tick(), properties.tick())
                .onBackpressureDrop()
                .subscribe(i -> {
                    try {
                        tick();
                    } catch (RuntimeException e) {
                        log.warn("Telemetry tick failed error={}", e.toString());
                    }
                });
    }

    @Override
    public void stop() {
        Disposable t = ticker;
        if (t != null) {
            t.dispose();
        }
        logger().detachAppender(appender);
        appender.stop();
        subscribers.forEach(this::drop);
    }

    @Override
    public boolean isRunning() {
        return appender.isStarted();
    }

    private static Logger logger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LOGGER_ROOT);
    }

    record Event(String name, Object data) {
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
                if (recentLogs.size() >= properties.logReplay()) {
                    recentLogs.removeFirst();
                }
                if (properties.logReplay() > 0) {
                    recentLogs.addLast(line);
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
        private volatile Disposable sender;

        Subscriber(SseEmitter emitter, int buffer) {
            this.emitter = emitter;
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
