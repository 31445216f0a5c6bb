package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.dcl.system.ProblemException;

/** No connector has this id (answered as 404). */
public class UnknownConnectorException extends ProblemException {

    private final String connectorId;

    public UnknownConnectorException(String connectorId) {
        super(ProblemType.UNKNOWN_CONNECTOR, "No connector with id '" + connectorId + "'");
        this.connectorId = connectorId;
    }

    public String connectorId() {
        return connectorId;
    }
}
