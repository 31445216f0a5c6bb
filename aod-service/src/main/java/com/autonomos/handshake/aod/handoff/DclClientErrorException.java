package com.autonomos.handshake.aod.handoff;

/** DCL answered 3xx/4xx: it refused this package. Not retried; ignored by the {@code dcl} breaker. */
class DclClientErrorException extends DclResponseException {

    DclClientErrorException(int status, DclProblem problem) {
        super(status, problem);
    }
}
