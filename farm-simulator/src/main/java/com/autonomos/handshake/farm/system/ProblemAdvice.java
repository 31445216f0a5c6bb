package com.autonomos.handshake.farm.system;

import java.util.concurrent.RejectedExecutionException;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The Farm's one error contract: every refusal is a {@link ProblemDetail}. Spring's own exceptions (unreadable body,
 * unsupported media type, unknown path ...) are rendered by the base class; {@link FarmProblem}s carry their own.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler({TaskRejectedException.class, RejectedExecutionException.class})
    ResponseEntity<ProblemDetail> tooManyStreams(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "All stream threads are busy; close a stream or retry later");
        problem.setTitle("Too many streams");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }
}
