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
 * Only this class writes its fields; the sidecar drives it through the methods below, under the sidecar's lock.
 */
final class StreamSession {

    private final ConnectorConfig config;
    private final Sidecar.Lease lease;
    private final ConnectorMeters meters;
    private final ConnectorLogs logs;
    private final long nudgedAtNanos;
    private final Sinks.One<Boolean> stop = Sinks.one();
    private final Sinks.One<Boolean> abandon = Sinks.one();
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private final AtomicBoolean firstRecord = new AtomicBoolean();
    private volatile boolean stopped;
    private int failures;
    private boolean attemptRunning;
    private Disposable pendingReconnect;

    StreamSession(ConnectorConfig config, Sidecar.Lease lease, ConnectorMeters meters, ConnectorLogs logs,
                  long nudgedAtNanos) {
        this.config = config;
        this.lease = lease;
        this.meters = meters;
        this.logs = logs;
        this.nudgedAtNanos = nudgedAtNanos;
    }

    ConnectorConfig config() {
        return config;
    }

    /** Cluster mode: the lease this session writes under; null when embedded. */
    Sidecar.Lease lease() {
        return lease;
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

    /** Ends the read side. */
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

    void attemptStarted() {
        attemptRunning = true;
    }

    /** The connection ended and everything it read is settled; a stopped session is then drained. */
    void attemptEnded() {
        attemptRunning = false;
        if (stopped) {
            drained.tryEmitEmpty();
        }
    }

    /** Data flows again: the next failure starts the backoff from the beginning. */
    void resetFailures() {
        failures = 0;
    }

    /** Counts a failed connection; returns how many in a row. */
    int failed() {
        return ++failures;
    }

    void reconnectLater(Disposable pending) {
        pendingReconnect = pending;
    }

    /** A batch with data lines was settled: the first one of a nudged session closes the switch-latency measure. */
    void firstRecordSettled() {
        if (nudgedAtNanos != 0 && firstRecord.compareAndSet(false, true)) {
            meters.switchLatency(Duration.ofNanos(System.nanoTime() - nudgedAtNanos));
        }
    }
}
