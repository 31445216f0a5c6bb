package com.autonomos.handshake.aod.handoff;

/** DCL answered 5xx. Retried (provisioning is idempotent) and recorded by the {@code dcl} breaker. */
class DclServerErrorException extends DclResponseException {

    DclServerErrorException(int status, DclProblem problem) {
        super(status, problem);
    }
}
