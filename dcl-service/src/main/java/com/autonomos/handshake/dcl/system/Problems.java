package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** DCL's answers in the services' one vocabulary ({@link ProblemType}), as Spring's problem and exception types. */
public final class Problems {

    private Problems() {
    }

    /** A problem of this type with its status, title and type URI. */
    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(type), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** An exception Spring MVC answers with {@link #of this problem}. */
    public static ErrorResponseException exception(ProblemType type, String detail) {
        return new ErrorResponseException(status(type), of(type, detail), null);
    }

    public static HttpStatus status(ProblemType type) {
        return HttpStatus.valueOf(type.status());
    }
}
