package com.autonomos.handshake.aod.handoff;

import com.autonomos.handshake.contracts.problem.ProblemType;
import java.util.Locale;

/** How a handoff ended; the lower-case name is the {@code outcome} tag of {@code aod.handoffs} and of the log line. */
enum HandoffOutcome {

    SENT(null),
    /** DCL answered, but not 2xx (or 2xx with an unreadable body). */
    DCL_REFUSED(ProblemType.DCL_REFUSED),
    /** No answer at all: connection refused/reset, or the {@code dcl} circuit breaker is open. */
    DCL_UNAVAILABLE(ProblemType.DCL_UNAVAILABLE),
    DCL_TIMEOUT(ProblemType.DCL_TIMEOUT),
    /** 424: the scan the handoff depends on found no route; DCL was never called (see the problem type). */
    ROUTE_NOT_DETECTED(ProblemType.ROUTE_NOT_DETECTED);

    private final ProblemType problemType;

    HandoffOutcome(ProblemType problemType) {
        this.problemType = problemType;
    }

    /** The problem a failed handoff answers with (its status, title and type URI); null for {@link #SENT}. */
    ProblemType problemType() {
        return problemType;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
