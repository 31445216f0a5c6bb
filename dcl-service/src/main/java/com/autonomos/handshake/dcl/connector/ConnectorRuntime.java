package com.autonomos.handshake.dcl.connector;

import java.util.Optional;
import reactor.core.publisher.Mono;

/** What the running sidecars report about each connector, and the one command that needs them directly. */
public interface ConnectorRuntime {

    Optional<ConnectorRuntimeStatus> status(String connectorId);

    /** Closes the connector's stream and opens it again at once (Kafka Connect's restart). */
    void restart(String connectorId);

    /**
     * Stops reading the connector in this process (its lease is about to go) and completes when everything it read
     * is settled, so the last batches are still written under the lease's epoch.
     */
    default Mono<Void> stopReading(String connectorId) {
        return Mono.empty();
    }
}
