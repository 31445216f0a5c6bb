package com.autonomos.handshake.dcl.connector;

import java.util.Optional;

/** What the running sidecars report about each connector, and the one command that needs them directly. */
public interface ConnectorRuntime {

    Optional<ConnectorRuntimeStatus> status(String connectorId);

    /** Closes the connector's stream and opens it again at once (Kafka Connect's restart). */
    void restart(String connectorId);
}
