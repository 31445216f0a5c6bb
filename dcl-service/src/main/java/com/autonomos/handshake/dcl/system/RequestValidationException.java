package com.autonomos.handshake.dcl.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request whose content is invalid: answered 422 with one entry per field in the {@code errors}
 * property ({@code {"connector_id":["must match ..."]}}), field names as on the wire.
 */
public class RequestValidationException extends ErrorResponseException {

    public RequestValidationException(Map<String, List<String>> errors) {
        super(ProblemType.VALIDATION.status(), problem(errors), null);
    }

    private static ProblemDetail problem(Map<String, List<String>> errors) {
        Map<String, List<String>> sorted = new TreeMap<>(errors);
        ProblemDetail problem = ProblemType.VALIDATION.problem("invalid field(s): " + String.join(", ", sorted.keySet())
                + " (see errors)");
        problem.setProperty("errors", sorted);
        return problem;
    }
}
