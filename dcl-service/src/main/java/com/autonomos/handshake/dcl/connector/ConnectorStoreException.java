package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.dcl.system.ProblemException;

/** The connector store could not read or write a configuration (answered 500; the message stays in the log). */
class ConnectorStoreException extends ProblemException {

    public ConnectorStoreException(String message, Throwable cause) {
        super(ProblemType.STORAGE_FAILURE, message, cause);
    }

    @Override
    public String detail() {
        return "the connector configuration could not be stored or read; nothing was changed; see the DCL log";
    }
}
