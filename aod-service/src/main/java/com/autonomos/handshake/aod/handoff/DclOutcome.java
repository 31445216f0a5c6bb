package com.autonomos.handshake.aod.handoff;

import com.autonomos.handshake.contracts.provision.ProvisionResult;

/**
 * How one provisioning call to DCL ended, as {@link DclClient#provision} returns it: accepted, or the reason it was
 * not. {@code attempts} counts the calls actually made to DCL (0 when the circuit breaker let none through).
 */
sealed interface DclOutcome {

    int attempts();

    /** The handoff outcome this makes (the {@code outcome} tag, and the problem type of a failure). */
    HandoffOutcome handoff();

    /** What the handoff's log line (and a failure's problem) says about the call. */
    String detail();

    /** DCL answered 2xx with a provisioning result. */
    record Accepted(ProvisionResult result, int attempts) implements DclOutcome {
        @Override
        public HandoffOutcome handoff() {
            return HandoffOutcome.SENT;
        }

        @Override
        public String detail() {
            return "dcl_result=" + result.status() + " version=" + result.version();
        }
    }

    /**
     * DCL answered, but did not accept the package: a non-2xx {@code status} with DCL's {@code problem}, or a 2xx
     * without a readable result ({@code status} 0 and no problem when the body could not be parsed). A 5xx is
     * retried and recorded by the {@code dcl} breaker ({@link DclServerError}); anything else is neither.
     */
    record Refused(int status, DclProblem problem, String detail, int attempts) implements DclOutcome {
        @Override
        public HandoffOutcome handoff() {
            return HandoffOutcome.DCL_REFUSED;
        }
    }

    /** No answer: connection refused or reset, or the {@code dcl} circuit breaker is open. */
    record Unavailable(String detail, int attempts) implements DclOutcome {
        @Override
        public HandoffOutcome handoff() {
            return HandoffOutcome.DCL_UNAVAILABLE;
        }
    }

    /** No answer within the {@code dcl} time limit, on every attempt. */
    record TimedOut(String detail, int attempts) implements DclOutcome {
        @Override
        public HandoffOutcome handoff() {
            return HandoffOutcome.DCL_TIMEOUT;
        }
    }
}
