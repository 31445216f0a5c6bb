package com.autonomos.handshake.aod.system;

import com.autonomos.handshake.contracts.problem.ProblemError;
import com.autonomos.handshake.contracts.problem.ProblemType;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place AOD turns exceptions into {@code application/problem+json}, in the services' one vocabulary
 * ({@link ProblemType}; invalid fields listed as {@code errors}, each a {@link ProblemError}). Spring's base class
 * already covers 404, 405, 406, 415 and {@link org.springframework.web.ErrorResponseException}s (the handoff's
 * 404/424/502/503/504); this class gives them a type, and sharpens malformed bodies (400), validation (422) and
 * unexpected errors (500, never a stack trace).
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        // Jackson's original message names the problem without the parser location dump.
        String reason = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : "body could not be read";
        return handleExceptionInternal(ex, Problems.of(ProblemType.MALFORMED_REQUEST,
                "Request body is not valid JSON for this endpoint: " + reason), headers,
                Problems.status(ProblemType.MALFORMED_REQUEST), request);
    }

    // Well-formed JSON that breaks the contract is 422, so a client can tell "fix your JSON" from "fix your values".
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> ProblemError.field(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, Problems.status(ProblemType.VALIDATION), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> ProblemError.parameter(
                        result.getMethodParameter().getParameterName(), String.valueOf(error.getDefaultMessage()))))
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, Problems.status(ProblemType.VALIDATION), request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("request failed unexpectedly error={}", ex.getClass().getName(), ex);
        return Problems.of(ProblemType.INTERNAL_ERROR, "AOD failed unexpectedly; the cause is in AOD's log.");
    }

    /** Gives every problem Spring MVC itself raises (415, 405, 404 ...) the generic type of its status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || URI.create("about:blank").equals(problem.getType()))) {
            problem.setType(ProblemType.forStatus(statusCode.value()).uri());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail invalid(List<ProblemError> errors) {
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION,
                "Request is well-formed but invalid: " + errors.size() + " field(s) rejected.");
        problem.setProperty(ProblemType.ERRORS, errors);
        return problem;
    }
}
