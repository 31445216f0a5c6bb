package com.autonomos.handshake.aod;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one place AOD turns exceptions into {@code application/problem+json}. Spring's base class already covers 404,
 * 405, 406, 415 and {@link org.springframework.web.ErrorResponseException}s (the handoff's 404/424/502/503/504); this
 * class sharpens malformed bodies (400), validation (422) and unexpected errors (500, never a stack trace).
 */
@RestControllerAdvice
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    static final URI MALFORMED_BODY = URI.create("urn:aos:problem:aod:malformed-body");
    static final URI INVALID_REQUEST = URI.create("urn:aos:problem:aod:invalid-request");
    static final URI INTERNAL_ERROR = URI.create("urn:aos:problem:aod:internal-error");

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        // Jackson's original message names the problem without the parser location dump.
        String reason = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : "body could not be read";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Request body is not valid JSON for this endpoint: " + reason);
        problem.setTitle("Malformed request body");
        problem.setType(MALFORMED_BODY);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    // Well-formed JSON that breaks the contract is 422, so a client can tell "fix your JSON" from "fix your values".
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ApiProblemAdvice::describe)
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getAllErrors().stream()
                .map(error -> Map.<String, Object>of("message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("request failed unexpectedly error={}", ex.getClass().getName(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "AOD failed unexpectedly; the cause is in AOD's log.");
        problem.setTitle("Internal error");
        problem.setType(INTERNAL_ERROR);
        return problem;
    }

    private static ProblemDetail invalid(List<Map<String, Object>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Request is well-formed but invalid: " + errors.size() + " field(s) rejected.");
        problem.setTitle("Invalid request");
        problem.setType(INVALID_REQUEST);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, Object> describe(FieldError error) {
        return Map.of("field", error.getField(),
                "message", String.valueOf(error.getDefaultMessage()),
                "rejected", String.valueOf(error.getRejectedValue()));
    }
}
