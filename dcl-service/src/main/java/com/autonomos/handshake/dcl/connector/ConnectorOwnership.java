package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import java.util.Optional;

/**
 * Which worker reads which connector. Embedded mode: this process owns every connector, with no lease (epoch 0).
 * Cluster mode: a lease in Redis per connector with a fencing epoch (dcl.cluster.LeaseKeeper); a change of this
 * worker's leases is announced with {@link OwnershipChanged}.
 */
public interface ConnectorOwnership {

    /** Cluster mode: envelopes then carry the worker id and lease epoch. */
    boolean clustered();

    /** This worker's id (in embedded mode too, so the views look the same). */
    String workerId();

    /** Whether this worker holds the connector's lease (always, in embedded mode). */
    boolean owns(String connectorId);

    /** The fencing epoch of this worker's lease on the connector; 0 without a lease (embedded mode). */
    long epoch(String connectorId);

    /** The connector's current owner, cluster-wide; empty while no worker holds it. */
    Optional<Lease> lease(String connectorId);

    /**
     * @param state the state the owner last reported with its renewal; null when it reported none yet
     */
    record Lease(String workerId, long epoch, ConnectorState state) {
    }
}
