package com.autonomos.handshake.dcl.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
        String detail = sorted.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                .collect(Collectors.joining(", ", "invalid field(s): ", ""));
        ProblemDetail problem = ProblemType.VALIDATION.problem(detail);
        problem.setProperty("errors", sorted);
        return problem;
    }
}
