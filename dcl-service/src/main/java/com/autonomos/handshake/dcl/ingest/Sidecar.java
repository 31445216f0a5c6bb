package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import com.autonomos.handshake.dcl.egress.EgressDeniedException;
import com.autonomos.handshake.dcl.telemetry.ConnectorMeters;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs one connector: compares the desired configuration (handed in by the supervisor on every nudge and tick) with
 * what it is reading, and opens, switches, pauses, reconnects or stops its stream session accordingly. All state
 * changes happen under this object's lock; the work itself is asynchronous, so a nudge returns at once.
 */
final class Sidecar {

    private static final Logger log = LoggerFactory.getLogger(Sidecar.class);

    private final String connectorId;
    private final StreamReader reader;
    private final IngestPipeline pipeline;
    private final Supplier<Optional<ConnectorConfig>> desired;
    private final Lease lease;
    private final ConnectorMeters meters;
    private final ConnectorLogs logs;
    private final IngestProperties properties;
    private final IntervalFunction backoff;
    private final Clock clock;
    private final Set<StreamSession> live = new HashSet<>();
    private StreamSession session;
    private ConnectorState state = ConnectorState.CONNECTING;
    private long version;
    private String lastError;
    private java.time.Instant lastErrorAt;
    private java.time.Instant since;

    /**
     * @param desired the registry's read-only view of this connector's current config, read before each connect
     * @param lease   cluster mode: the lease this sidecar reads under (a new lease, a new sidecar); null when embedded
     */
    Sidecar(String connectorId, StreamReader reader, IngestPipeline pipeline, Supplier<Optional<ConnectorConfig>> desired,
            Lease lease, ConnectorMeters meters, IngestProperties properties, Clock clock) {
        this.lease = lease;
        this.connectorId = connectorId;
        this.reader = reader;
        this.pipeline = pipeline;
        this.desired = desired;
        this.meters = meters;
        this.properties = properties;
        this.clock = clock;
        this.logs = ConnectorLogs.of(connectorId, 5);
        IngestProperties.Reconnect r = properties.reconnect();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), 2.0, r.jitter(), r.maxBackoff());
        this.since = clock.instant();
        meters.started(since);
    }

    /**
     * Brings the sidecar in line with {@code config}.
     *
     * @param nudgedAtNanos when the change was announced ({@link System#nanoTime()}), 0 for a periodic re-read
     */
    synchronized void reconcile(ConnectorConfig config, long nudgedAtNanos) {
        if (config.paused()) {
            if (session != null) {
                session.stop();
                session = null;
                log.info("Sidecar paused connector={} version={}", connectorId, config.version());
            }
            version = config.version();
            enter(ConnectorState.PAUSED);
            return;
        }
        if (session != null && session.config().version() == config.version()) {
            return; // already reading this version; its own reconnect loop keeps it alive
        }
        boolean switching = session != null && session.config().version() != config.version();
        if (session != null) {
            session.stop();
        }
        if (switching) {
            meters.switched();
            log.info("Sidecar switching connector={} from_version={} to_version={} target={}",
                    connectorId, session.config().version(), config.version(), config.targetUrl());
        } else {
            log.info("Sidecar starting connector={} version={} target={}", connectorId, config.version(),
                    config.targetUrl());
        }
        open(config, nudgedAtNanos);
    }

    /** Closes the stream and opens it again at once (Kafka Connect's restart); a paused connector stays paused. */
    synchronized void restart(ConnectorConfig config) {
        if (config.paused()) {
            reconcile(config, 0);
            return;
        }
        if (session != null) {
            session.stop();
        }
        log.info("Sidecar restarting connector={} version={} target={}", connectorId, config.version(),
                config.targetUrl());
        open(config, 0);
    }

    /** Stops reading for good (deleted or shutting down); completes when everything read is settled. */
    synchronized Mono<Void> stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
        return Mono.when(live.stream().map(StreamSession::drained).toList());
    }

    /** Turns the repairs still pending into dead letters ({@code repair_unavailable}). */
    synchronized void abandon() {
        live.forEach(StreamSession::abandon);
    }

    synchronized ConnectorRuntimeStatus status() {
        return new ConnectorRuntimeStatus(state, version, lastError, since, lastErrorAt);
    }

    ConnectorLogs logs() {
        return logs;
    }

    private void open(ConnectorConfig config, long nudgedAtNanos) {
        session = new StreamSession(config, lease, meters, logs, nudgedAtNanos);
        version = config.version();
        live.add(session);
        enter(ConnectorState.CONNECTING);
        connect(session);
    }

    private void connect(StreamSession s) {
        if (s.isStopped()) {
            return;
        }
        s.attemptStarted();
        Attempt attempt = pipeline.run(s, reader.open(s.config()));
        attempt.dataFlowing().subscribe(null, null, () -> dataFlowing(s));
        attempt.ended().subscribe(
                result -> attemptEnded(s, result),
                error -> attemptEnded(s, new AttemptResult(error, false)));
    }

    private synchronized void dataFlowing(StreamSession s) {
        if (s == session) {
            s.resetFailures();
            if (state != ConnectorState.RUNNING) {
                log.info("Stream connected connector={} version={} target={}", connectorId, s.config().version(),
                        s.config().targetUrl());
                enter(ConnectorState.RUNNING);
            }
        }
    }

    private synchronized void attemptEnded(StreamSession s, AttemptResult result) {
        s.attemptEnded();
        if (s.isStopped()) {
            live.remove(s);
            return;
        }
        Throwable failure = result.failure();
        if (isDenied(failure) || failure instanceof Error) { // an Error in the pipeline: retrying will not help
            lastError = describe(failure);
            lastErrorAt = clock.instant();
            log.error("Connector failed connector={} version={} error=\"{}\"", connectorId, s.config().version(),
                    lastError);
            enter(ConnectorState.FAILED); // an operator must re-provision; retrying cannot help
            return;
        }
        if (failure == null && !properties.reconnect().onEnd()) {
            log.info("Stream ended connector={} version={} reconnect=false", connectorId, s.config().version());
            return;
        }
        long waitMillis = backoff.apply(s.failed());
        lastError = failure == null ? "stream ended" : describe(failure);
        lastErrorAt = clock.instant();
        meters.reconnected();
        log.warn("Stream interrupted connector={} version={} error=\"{}\" retry_in_ms={}", connectorId,
                s.config().version(), lastError, waitMillis);
        enter(ConnectorState.RECONNECTING);
        s.reconnectLater(Mono.delay(Duration.ofMillis(waitMillis)).subscribe(x -> reconnect(s)));
    }

    /** Reads the current config first: a change that raced the nudge is applied instead of reconnecting the old one. */
    private synchronized void reconnect(StreamSession s) {
        if (s.isStopped()) {
            return;
        }
        ConnectorConfig current = desired.get().orElse(null);
        if (current != null && (current.version() != s.config().version() || current.paused())) {
            reconcile(current, 0);
        } else {
            connect(s);
        }
    }

    private void enter(ConnectorState next) {
        if (state != next) {
            state = next;
            since = clock.instant();
        }
    }

    private static boolean isDenied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EgressDeniedException) {
                return true;
            }
        }
        return false;
    }

    /** Cluster mode: the worker and fencing epoch every write of this sidecar carries. */
    record Lease(String workerId, long epoch) {
    }

    /** A one-line reason for an operator. */
    static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no data within the read idle timeout";
        }
        if (failure instanceof EgressDeniedException) {
            return "target not allowed: " + failure.getMessage();
        }
        if (failure instanceof RedirectRefusedException || failure instanceof StreamStatusException) {
            return failure.getMessage();
        }
        if (failure instanceof Error) {
            return "fatal error in the pipeline: " + failure;
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
