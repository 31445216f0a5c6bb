package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
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

    private final WebClient webClient;
    private final CircuitBreaker circuitBreaker;
    private final TimeLimiter timeLimiter;

    VerificationClient(FarmHttp http, CircuitBreakerRegistry circuitBreakers, TimeLimiterRegistry timeLimiters) {
        this.webClient = http.webClient();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        BreakerTransitions.log(circuitBreaker);
    }

    Mono<VerifyResult> verify(URI origin, ObjectNode record) {
        String endpoint = "verify " + origin + PATH;
        return webClient.post()
                .uri(origin.resolve(PATH))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(record)
                .retrieve()
                .onStatus(HttpStatusCode::is5xxServerError, response -> response.releaseBody()
                        .then(Mono.error(new FarmCallException.ServerError(endpoint, response.statusCode().value()))))
                .onStatus(HttpStatusCode::isError, response -> response.releaseBody()
                        .then(Mono.error(new FarmCallException(endpoint, response.statusCode().value()))))
                .bodyToMono(VerifyResult.class)
                .switchIfEmpty(Mono.error(() -> new FarmCallException.ServerError(endpoint + " (empty body)", 200)))
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
    }
}
