package com.autonomos.handshake.farm.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the Farm refuses, rendered as {@code application/problem+json} by {@link ProblemAdvice}. */
public final class FarmProblem extends ErrorResponseException {

    private FarmProblem(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    /** 400: a query parameter or body that cannot be used. */
    public static FarmProblem badRequest(String detail) {
        return new FarmProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    /** 404: an invoice id the system of record cannot hold. */
    public static FarmProblem unknownInvoice(String detail) {
        return new FarmProblem(HttpStatus.NOT_FOUND, "Invoice not found", detail);
    }

    /** 422: a well-formed body that is not a verifiable invoice. */
    public static FarmProblem unprocessable(String detail) {
        return new FarmProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Invoice cannot be verified", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
