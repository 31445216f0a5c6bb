package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.telemetry.ConnectorMeters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Reading one config version of a connector: a sequence of connections (reconnects) to the same URL, until stopped.
 * Every envelope it settles carries this session's version. Stopping ends the read side; {@link #drained()} completes
 * once all it read is settled. Abandoning (shutdown past its grace) turns pending repairs into dead letters.
 */
final class StreamSession {

    private final Sidecar owner;
    private final ConnectorConfig config;
    private final ConnectorMeters meters;
    private final ConnectorLogs logs;
    private final long nudgedAtNanos;
    private final Sinks.One<Boolean> stop = Sinks.one();
    private final Sinks.One<Boolean> abandon = Sinks.one();
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private final AtomicBoolean firstRecord = new AtomicBoolean();
    private volatile boolean stopped;

    // guarded by the owning sidecar's lock
    int failures;
    boolean attemptRunning;
    Disposable pendingReconnect;

    StreamSession(Sidecar owner, ConnectorConfig config, ConnectorMeters meters, ConnectorLogs logs, long nudgedAtNanos) {
        this.owner = owner;
        this.config = config;
        this.meters = meters;
        this.logs = logs;
        this.nudgedAtNanos = nudgedAtNanos;
    }

    ConnectorConfig config() {
        return config;
    }

    String connectorId() {
        return config.connectorId();
    }

    ConnectorMeters meters() {
        return meters;
    }

    ConnectorLogs logs() {
        return logs;
    }

    Mono<Boolean> stopSignal() {
        return stop.asMono();
    }

    Mono<Boolean> abandonSignal() {
        return abandon.asMono();
    }

    Mono<Void> drained() {
        return drained.asMono();
    }

    boolean isStopped() {
        return stopped;
    }

    /** Ends the read side; guarded by the owner's lock. */
    void stop() {
        stopped = true;
        stop.tryEmitValue(Boolean.TRUE);
        if (pendingReconnect != null) {
            pendingReconnect.dispose();
        }
        if (!attemptRunning) {
            drained.tryEmitEmpty();
        }
    }

    void abandon() {
        abandon.tryEmitValue(Boolean.TRUE);
    }

    void markDrained() {
        drained.tryEmitEmpty();
    }

    /** Bytes arrived on the current connection (called once per connection, from a Netty thread). */
    void dataFlowing() {
        owner.dataFlowing(this);
    }

    /** A batch with data lines was settled: the first one of a nudged session closes the switch-latency measure. */
    void firstRecordSettled() {
        if (nudgedAtNanos != 0 && firstRecord.compareAndSet(false, true)) {
            meters.switchLatency(Duration.ofNanos(System.nanoTime() - nudgedAtNanos));
        }
    }
}
