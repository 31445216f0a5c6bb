package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.dcl.system.ProblemType;
import org.springframework.web.ErrorResponseException;

/** A new connector was refused: {@code dcl.connectors.max} connectors exist already. Answered 409. */
public class ConnectorLimitException extends ErrorResponseException {

    ConnectorLimitException(int max) {
        super(ProblemType.CONNECTOR_LIMIT.status(), ProblemType.CONNECTOR_LIMIT.problem("this DCL runs at most " + max
                + " connectors (dcl.connectors.max / DCL_CONNECTORS_MAX); delete one or raise the limit"), null);
    }
}
