package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorOwnership;
import java.util.Optional;

/** Embedded mode: this one process reads every connector; there are no leases (epoch 0). */
record EmbeddedOwnership(String workerId) implements ConnectorOwnership {

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public boolean owns(String connectorId) {
        return true;
    }

    @Override
    public long epoch(String connectorId) {
        return 0;
    }

    @Override
    public Optional<Lease> lease(String connectorId) {
        return Optional.of(new Lease(workerId, 0, null));
    }
}
