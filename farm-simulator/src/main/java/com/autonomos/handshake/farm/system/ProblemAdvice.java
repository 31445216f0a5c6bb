package com.autonomos.handshake.farm.system;

import com.autonomos.handshake.contracts.problem.ProblemType;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The Farm's one error contract: every refusal is a {@link ProblemDetail} typed in the services' one vocabulary
 * ({@link ProblemType}). Spring's own exceptions (unreadable body, unsupported media type, unknown path ...) are
 * rendered by the base class and given the generic type of their status; {@link FarmProblem}s carry their own.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler({TaskRejectedException.class, RejectedExecutionException.class})
    ResponseEntity<ProblemDetail> tooManyStreams(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(FarmProblem.problem(
                ProblemType.TOO_MANY_STREAMS, "All stream threads are busy; close a stream or retry later"));
    }

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
}
