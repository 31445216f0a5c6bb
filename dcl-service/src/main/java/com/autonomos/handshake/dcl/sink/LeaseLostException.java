package com.autonomos.handshake.dcl.sink;

/** Cluster mode: the store refused a batch because its lease epoch is stale (another worker owns the connector now). */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String connectorId, long epoch) {
        super("lease of connector " + connectorId + " at epoch " + epoch + " is no longer held; nothing was written");
    }
}
