package com.autonomos.handshake.aod.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** AOD's answers in the services' one vocabulary ({@link ProblemType}), as Spring's {@link ProblemDetail}. */
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

    public static HttpStatus status(ProblemType type) {
        return HttpStatus.valueOf(type.status());
    }
}
