package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemError;
import com.autonomos.handshake.contracts.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A well-formed request whose content is invalid: answered 422 {@code validation}, one {@link ProblemError} per
 * message in the {@code errors} property ({@code [{"pointer":"#/connector_id","detail":"must match ..."}]}), field
 * names as on the wire; the detail names them all.
 */
public class RequestValidationException extends ErrorResponseException {

    /** The key of a message about the body or the request as a whole, rather than one field or parameter. */
    public static final String WHOLE = "_";

    private RequestValidationException(Map<String, List<String>> messages,
            BiFunction<String, String, ProblemError> error) {
        super(Problems.status(ProblemType.VALIDATION), problem(messages, error), null);
    }

    /** @param messages by dotted body path ({@code policy.source_of_truth_url}), or {@link #WHOLE} */
    public static RequestValidationException fields(Map<String, List<String>> messages) {
        return new RequestValidationException(messages,
                (field, message) -> ProblemError.field(WHOLE.equals(field) ? "" : field, message));
    }

    /** @param messages by query or path parameter name */
    public static RequestValidationException parameters(Map<String, List<String>> messages) {
        return new RequestValidationException(messages, ProblemError::parameter);
    }

    private static ProblemDetail problem(Map<String, List<String>> messages,
            BiFunction<String, String, ProblemError> error) {
        Map<String, List<String>> sorted = new TreeMap<>(messages);
        String detail = sorted.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                .collect(Collectors.joining(", ", "invalid field(s): ", ""));
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION, detail);
        problem.setProperty(ProblemType.ERRORS, sorted.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(message -> error.apply(e.getKey(), message)))
                .toList());
        return problem;
    }
}
