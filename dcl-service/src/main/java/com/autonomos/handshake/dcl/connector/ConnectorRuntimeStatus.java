package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import java.time.Instant;

/**
 * The observed state of one connector's sidecar.
 *
 * @param runningVersion the config version whose stream is open (or being opened)
 * @param lastError      the latest failure, kept after recovery so an operator can see what happened; null if none
 * @param since          when the connector entered {@code state}
 * @param lastErrorAt    when {@code lastError} happened (so a RUNNING connector's old error reads as history); null if none
 */
public record ConnectorRuntimeStatus(ConnectorState state, long runningVersion, String lastError, Instant since,
                                     Instant lastErrorAt) {
}
