package com.autonomos.handshake.aod.handoff;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A handoff that did not end in "Provisioning Command Sent"; carries the problem the API answers with. */
class HandoffFailedException extends ErrorResponseException {

    HandoffFailedException(HttpStatus status, ProblemDetail problem, Throwable cause) {
        super(status, problem, cause);
    }
}
