package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;

/**
 * Every error DCL answers, as {@code application/problem+json} with a type URI of the services' one vocabulary
 * ({@link ProblemType}; invalid fields listed as {@code errors}) and a useful detail, never a stack trace. Applies to every controller of the service: throw a {@link ProblemException} (a feature's own
 * exception, which names its type), a {@link RequestValidationException} or any {@code ErrorResponseException}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        if (e.type().status() >= 500) {
            log.error("Request failed type={} reason=\"{}\"", e.type().slug(), e.getMessage(), e);
        }
        return answer(request, Problems.of(e.type(), e.detail()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error type={}", e.getClass().getName(), e);
        return answer(request, Problems.of(ProblemType.INTERNAL_ERROR, "an unexpected error occurred; see the DCL log"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.groupingBy(FieldError::getField, LinkedHashMap::new,
                        Collectors.mapping(f -> String.valueOf(f.getDefaultMessage()), Collectors.toList())));
        ex.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.computeIfAbsent(RequestValidationException.WHOLE, k -> new java.util.ArrayList<>())
                        .add(g.getDefaultMessage()));
        return handleExceptionInternal(ex, RequestValidationException.fields(errors).getBody(), headers,
                Problems.status(ProblemType.VALIDATION), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> errors.put(
                result.getMethodParameter().getParameterName() == null ? RequestValidationException.WHOLE
                        : result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().stream().map(e -> String.valueOf(e.getDefaultMessage())).toList()));
        return handleExceptionInternal(ex, RequestValidationException.parameters(errors).getBody(), headers,
                Problems.status(ProblemType.VALIDATION), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, Problems.of(ProblemType.MALFORMED_REQUEST, describe(ex)), headers, status,
                request);
    }

    /** Fills in a type and title for every problem Spring MVC itself raises (415, 405, 404, 413 ...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || URI.create("about:blank").equals(problem.getType()))) {
            ProblemType type = ProblemType.forStatus(statusCode.value());
            problem.setType(type.uri());
            if (problem.getDetail() == null) {
                problem.setDetail(Problems.status(type).getReasonPhrase());
            }
        }
        if (statusCode.is5xxServerError()) {
            log.error("Request failed status={} type={}", statusCode.value(), ex.getClass().getName(), ex);
        }
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem
                && request instanceof ServletWebRequest web) {
            problem.setInstance(instance(web.getRequest()));
        }
        return answer;
    }

    /**
     * The route that answered ({@code /api/connectors/{id}/records}), never the raw request path: that may be 8 KB of
     * whatever the client sent. Spring MVC would fill in the raw path if {@code instance} were left empty.
     */
    private static URI instance(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return URI.create(pattern instanceof String route && route.startsWith("/") && !route.contains("*")
                ? route.replace("{", "%7B").replace("}", "%7D") : "/");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "a parameter" : "parameter '" + ex.getPropertyName() + "'";
        return handleExceptionInternal(ex, Problems.of(ProblemType.MALFORMED_REQUEST, name + " has an invalid value"),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, Problems.of(ProblemType.NOT_FOUND, "no resource at this path"), headers, status,
                request);
    }

    /** Where and what is wrong with an unreadable JSON body, without Java type names. */
    static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof JacksonException json)) {
            return ex.getMessage() == null ? "request body is not readable" : ex.getMessage();
        }
        TokenStreamLocation at = json.getLocation();
        String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (json instanceof DatabindException bind && !bind.getPath().isEmpty()) {
            return "invalid value for field '" + path(bind) + "'" + position;
        }
        if (json instanceof DatabindException) {
            return "request body must be a JSON object" + position;
        }
        String message = json.getOriginalMessage();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return "malformed JSON" + position + ": " + message;
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, ProblemDetail problem) {
        problem.setInstance(instance(request));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
