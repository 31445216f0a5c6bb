package com.autonomos.handshake.dcl.connector;

/**
 * Published (synchronously) after the registry changed a connector, so the sidecar can act at once instead of at its
 * next tick. {@code current} is null when the connector was deleted.
 */
public record ConnectorChanged(String connectorId, ConnectorConfig current) {
}
