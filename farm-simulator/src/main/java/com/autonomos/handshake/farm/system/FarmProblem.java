package com.autonomos.handshake.farm.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the Farm refuses, rendered as {@code application/problem+json} by {@link ProblemAdvice}, typed in the
 * services' one vocabulary ({@link ProblemType}).
 */
public final class FarmProblem extends ErrorResponseException {

    private FarmProblem(ProblemType type, String detail) {
        super(HttpStatus.valueOf(type.status()), problem(type, detail), null);
    }

    /** 400: a query parameter or body that cannot be used. */
    public static FarmProblem badRequest(String detail) {
        return new FarmProblem(ProblemType.MALFORMED_REQUEST, detail);
    }

    /** 404: an invoice id the system of record cannot hold. */
    public static FarmProblem unknownInvoice(String detail) {
        return new FarmProblem(ProblemType.UNKNOWN_INVOICE, detail);
    }

    /** 422: a well-formed body that is not a verifiable invoice. */
    public static FarmProblem unprocessable(String detail) {
        return new FarmProblem(ProblemType.UNVERIFIABLE_INVOICE, detail);
    }

    /** A problem of this type with its status, title and type URI. */
    static ProblemDetail problem(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
        problem.setTitle(type.title());
        problem.setType(type.uri());
        return problem;
    }
}
