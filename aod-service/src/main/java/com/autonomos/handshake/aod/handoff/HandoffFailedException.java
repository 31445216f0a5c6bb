package com.autonomos.handshake.aod.handoff;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A handoff that did not end in "Provisioning Command Sent"; carries the problem the API answers with. */
class HandoffFailedException extends ErrorResponseException {

    HandoffFailedException(ProblemDetail problem, Throwable cause) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, cause);
    }
}
