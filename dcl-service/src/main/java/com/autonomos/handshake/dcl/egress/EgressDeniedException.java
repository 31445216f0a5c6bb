package com.autonomos.handshake.dcl.egress;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.dcl.system.ProblemException;

/** A URL or address DCL may not connect to; the message says why and is safe to show a client (answered 422). */
public class EgressDeniedException extends ProblemException {

    public EgressDeniedException(String message) {
        super(ProblemType.EGRESS_DENIED, message);
    }
}
