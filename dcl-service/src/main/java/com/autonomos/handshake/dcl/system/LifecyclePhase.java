package com.autonomos.handshake.dcl.system;

import org.springframework.context.SmartLifecycle;

/**
 * When DCL's long-running parts start (lowest first) and stop (highest first). Spring Boot's web server starts and
 * stops at {@code DEFAULT_PHASE - 2048} and drains requests gracefully at {@code DEFAULT_PHASE - 1024}.
 *
 * <p>On shutdown: the telemetry events stop first, then the sidecars, which settle everything they read while
 * the leases, the sinks and Redis are still there; the leases are released once the sidecars are drained; the
 * sinks flush and close; Redis connections go last. Start-up is the same order reversed.
 */
public enum LifecyclePhase {

    /** Redis connections (cluster mode): up before anything needs them, down after everything wrote its last. */
    REDIS(SmartLifecycle.DEFAULT_PHASE - 8192),
    /** The record sinks: flushed and closed after the last batch is settled. */
    SINKS(SmartLifecycle.DEFAULT_PHASE - 4096),
    /** Connector leases and config sync (cluster mode): released only after the sidecars drained. */
    LEASES(SmartLifecycle.DEFAULT_PHASE - 3072),
    /** The sidecars that read the streams: with the web server, after the in-flight requests were answered. */
    SIDECARS(SmartLifecycle.DEFAULT_PHASE - 2048),
    /** Telemetry sampling and server-sent events: first to stop, so no subscriber sees a half-stopped service. */
    TELEMETRY(SmartLifecycle.DEFAULT_PHASE);

    private final int phase;

    LifecyclePhase(int phase) {
        this.phase = phase;
    }

    public int phase() {
        return phase;
    }
}
