package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.dcl.system.ProblemException;

/** A new connector was refused: {@code dcl.connectors.max} connectors exist already. Answered 409. */
class ConnectorLimitException extends ProblemException {

    ConnectorLimitException(int max) {
        super(ProblemType.CONNECTOR_LIMIT, "this DCL runs at most " + max
                + " connectors (dcl.connectors.max / DCL_CONNECTORS_MAX); delete one or raise the limit");
    }
}
