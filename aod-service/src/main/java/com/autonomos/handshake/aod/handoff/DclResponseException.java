package com.autonomos.handshake.aod.handoff;

/**
 * DCL answered with a non-2xx status. The two subclasses exist for resilience4j's YAML: 5xx is retried and recorded
 * by the breaker, 4xx is neither (retrying a refusal cannot help, and a refusal says nothing about DCL's health).
 */
abstract class DclResponseException extends RuntimeException {

    private final int status;
    private final DclProblem problem;

    DclResponseException(int status, DclProblem problem) {
        super("DCL answered HTTP " + status + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.status = status;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    DclProblem problem() {
        return problem;
    }
}
