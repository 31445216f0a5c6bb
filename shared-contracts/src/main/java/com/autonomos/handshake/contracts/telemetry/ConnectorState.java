package com.autonomos.handshake.contracts.telemetry;

/** Lifecycle state of a connector, in Kafka Connect's vocabulary. */
public enum ConnectorState {
    /** Provisioned, opening its stream. */
    CONNECTING,
    /** Reading its stream. */
    RUNNING,
    /** Paused by an operator; holds its position in nothing (a stream has no offsets) and reads nothing. */
    PAUSED,
    /** Its stream dropped or failed; retrying with backoff. {@code last_error} says why. */
    RECONNECTING,
    /** Cannot run (e.g. its target is no longer allowed); needs an operator. */
    FAILED,
    /** Stored but not run: DCL started with more stored connectors than its limit. {@code last_error} says so. */
    STOPPED
}
