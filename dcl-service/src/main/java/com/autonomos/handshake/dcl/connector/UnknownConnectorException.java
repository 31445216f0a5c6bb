package com.autonomos.handshake.dcl.connector;

/** No connector has this id (answered as 404). */
public class UnknownConnectorException extends RuntimeException {

    private final String connectorId;

    public UnknownConnectorException(String connectorId) {
        super("No connector with id '" + connectorId + "'");
        this.connectorId = connectorId;
    }

    public String connectorId() {
        return connectorId;
    }
}
