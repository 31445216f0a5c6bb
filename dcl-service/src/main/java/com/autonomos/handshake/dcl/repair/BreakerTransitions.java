package com.autonomos.handshake.dcl.repair;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each state change of a Farm circuit breaker: WARN when it stops calls, INFO when it lets them through again. */
final class BreakerTransitions {

    private static final Logger log = LoggerFactory.getLogger(BreakerTransitions.class);

    private BreakerTransitions() {
    }

    static void log(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                log.warn("Circuit breaker opened breaker={} transition={} failure_rate={}", event.getCircuitBreakerName(),
                        event.getStateTransition(), breaker.getMetrics().getFailureRate());
            } else {
                log.info("Circuit breaker changed breaker={} transition={}", event.getCircuitBreakerName(),
                        event.getStateTransition());
            }
        });
    }
}
