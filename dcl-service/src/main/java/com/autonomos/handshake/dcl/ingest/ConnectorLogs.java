package com.autonomos.handshake.dcl.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate-limited handshake lines of one connector ({@code Drift Detected}, {@code Repaired}, control lines): the
 * visible proof of the handshake, kept readable when a stream floods; and its processing failures (WARN).
 */
record ConnectorLogs(RateLimitedLog drift, RateLimitedLog repaired, RateLimitedLog control, RateLimitedLog failure) {

    private static final Logger log = LoggerFactory.getLogger(ConnectorLogs.class);

    static ConnectorLogs of(String connectorId, int perSecond) {
        return new ConnectorLogs(
                new RateLimitedLog(log, "Drift Detected connector=" + connectorId, perSecond),
                new RateLimitedLog(log, "Repaired connector=" + connectorId, perSecond),
                new RateLimitedLog(log, "Control line connector=" + connectorId, perSecond),
                new RateLimitedLog(log, "Line processing failed connector=" + connectorId, perSecond, true));
    }

    void roll() {
        long now = System.nanoTime();
        drift.roll(now);
        repaired.roll(now);
        control.roll(now);
        failure.roll(now);
    }
}
