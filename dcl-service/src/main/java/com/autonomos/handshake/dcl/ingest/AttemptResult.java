package com.autonomos.handshake.dcl.ingest;

/**
 * How one connection of a stream ended, once everything it read was settled.
 *
 * @param failure why it ended, null when the stream ended cleanly or was stopped
 * @param sawData whether any bytes arrived (resets the reconnect backoff)
 */
record AttemptResult(Throwable failure, boolean sawData) {
}
