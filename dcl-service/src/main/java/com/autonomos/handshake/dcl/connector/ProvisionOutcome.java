package com.autonomos.handshake.dcl.connector;

/**
 * What {@link ConnectorRegistry#provision} did.
 *
 * @param previous the configuration before, null for a new connector
 * @param changed  false when the package equalled the current configuration (nothing stored, same version)
 */
public record ProvisionOutcome(ConnectorConfig current, ConnectorConfig previous, boolean changed) {
}
