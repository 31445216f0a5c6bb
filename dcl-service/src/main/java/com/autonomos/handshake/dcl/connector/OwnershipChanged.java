package com.autonomos.handshake.dcl.connector;

/** This worker gained or lost the lease on a connector: its sidecar starts or stops (published synchronously). */
public record OwnershipChanged(String connectorId, boolean owned, long epoch) {
}
