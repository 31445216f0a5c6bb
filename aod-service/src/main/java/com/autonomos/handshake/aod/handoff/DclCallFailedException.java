package com.autonomos.handshake.aod.handoff;

/** The DCL call ended without a 2xx answer, classified for the caller; {@code dclStatus} is 0 when none came. */
class DclCallFailedException extends RuntimeException {

    private final HandoffOutcome outcome;
    private final int attempts;
    private final int dclStatus;
    private final DclProblem dclProblem;

    DclCallFailedException(HandoffOutcome outcome, String detail, int attempts, int dclStatus, DclProblem dclProblem,
            Throwable cause) {
        super(detail, cause);
        this.outcome = outcome;
        this.attempts = attempts;
        this.dclStatus = dclStatus;
        this.dclProblem = dclProblem;
    }

    HandoffOutcome outcome() {
        return outcome;
    }

    int attempts() {
        return attempts;
    }

    int dclStatus() {
        return dclStatus;
    }

    DclProblem dclProblem() {
        return dclProblem;
    }
}
