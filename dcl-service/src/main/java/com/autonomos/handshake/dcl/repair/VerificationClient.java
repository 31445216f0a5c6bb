package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the Farm to verify a repaired record: {@code POST <origin>/api/verify/salesforce/invoice}, through the
 * resilience4j instances named {@value #INSTANCE} (time limit inside circuit breaker; no retry: an unverified record
 * is still delivered or dead-lettered honestly). Errors are left to the caller, which turns them into outcomes.
 */
@Component
class VerificationClient {

    static final String INSTANCE = "farmVerify";
    static final String PATH = "/api/verify/salesforce/invoice";

    private final FarmHttp http;
    private final ObjectMapper json;
    private final ObjectReader verifyResults;
    private final CircuitBreaker circuitBreaker;
    private final TimeLimiter timeLimiter;

    VerificationClient(FarmHttp http, CircuitBreakerRegistry circuitBreakers, TimeLimiterRegistry timeLimiters,
            ObjectMapper json) {
        this.http = http;
        this.json = json;
        this.verifyResults = json.readerFor(VerifyResult.class);
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        BreakerTransitions.log(circuitBreaker);
    }

    Mono<VerifyResult> verify(URI origin, ObjectNode record) {
        String url = origin + PATH;
        return Mono.fromCallable(() -> json.writeValueAsBytes(record))
                .flatMap(body -> http.post(url, body))
                .map(answer -> answer.<VerifyResult>decode("verify", url, verifyResults))
                // named: the time limiter's timeout looks the chain's name up on every call (walking the whole
                // chain cost 6% of DCL's CPU when repairing), and a TimeoutException now says what timed out
                .name(INSTANCE)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
    }
}
