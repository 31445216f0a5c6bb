package com.autonomos.handshake.aod.handoff;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.autonomos.handshake.aod.AodProperties;
import com.autonomos.handshake.contracts.provision.ProvisionResult;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.codec.CodecException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends a provisioning package to DCL ({@code POST <dcl>/api/ingest/provision}, declared as {@link DclApi}, one proxy
 * per worker with the connect and read timeouts of {@code aod.handoff}) through the resilience4j instances
 * named {@code dcl}: per attempt a time limit, around it the circuit breaker, around that the retry (so the breaker
 * sees every attempt). Every call ends in a {@link DclOutcome}, never an exception: a non-2xx answer travels through
 * the resilience4j operators as a {@link DclOutcome.Refused} value, which {@link DclServerError} tells them to retry
 * and record when it is a 5xx.
 */
@Component
class DclClient {

    static final String INSTANCE = "dcl";
    static final String PROVISION_PATH = "/api/ingest/provision";
    private static final int MAX_COPIED_BODY = 300;
    private static final Logger log = LoggerFactory.getLogger(DclClient.class);

    /** One client per DCL worker (DCL_URL may list several), tried in turn from the last one that answered. */
    private final List<DclApi> clients;
    private final List<String> urls;
    private final AtomicInteger preferred = new AtomicInteger();
    private final AodProperties aod;
    private final ObjectMapper json;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final TimeLimiter timeLimiter;

    DclClient(AodProperties aod, HandoffProperties handoff, WebClient.Builder builder, ObjectMapper json,
            RetryRegistry retries, CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this.aod = aod;
        this.json = json;
        this.urls = aod.dclUrls();
        this.clients = urls.stream().map(url -> builder.clone()
                .baseUrl(url)
                .clientConnector(ClientHttpConnectorBuilder.detect().build(HttpClientSettings.defaults()
                        .withTimeouts(handoff.connectTimeout(), handoff.readTimeout())))
                // every status is an answer: read() and the dcl operators decide what it means
                .defaultStatusHandler(status -> true, response -> Mono.empty())
                .build())
                .map(client -> HttpServiceProxyFactory.builderFor(WebClientAdapter.create(client)).build()
                        .createClient(DclApi.class))
                .toList();
        this.retry = retries.retry(INSTANCE);
        this.circuitBreaker = breakers.circuitBreaker(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        if (!aod.hasProvisionToken()) {
            log.warn("dcl_provision_token=unset dcl_url={} effect=\"DCL will refuse provisioning (401/503), "
                    + "handoffs will answer 502\" fix=\"set DCL_PROVISION_TOKEN to DCL's token\"", aod.dclUrl());
        }
    }

    /** Blocks until DCL accepted the package (2xx) or the call failed for good. */
    DclOutcome provision(ProvisioningPackage targetingPackage) {
        AtomicInteger attempts = new AtomicInteger();
        int first = preferred.get();
        String authorization = aod.hasProvisionToken() ? "Bearer " + aod.dclProvisionToken() : null;
        Mono<DclOutcome> call = Mono.defer(() -> {
                    // each retry goes to the next worker: one that does not answer is skipped, not retried
                    int worker = Math.floorMod(first + attempts.incrementAndGet() - 1, clients.size());
                    return clients.get(worker).provision(targetingPackage, authorization)
                            .map(response -> read(response, attempts.get()))
                            .doOnNext(answered -> preferred.set(worker));
                })
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry));
        try {
            return call.block();
        } catch (RuntimeException e) {
            return failure(Exceptions.unwrap(e), attempts.get());
        }
    }

    /** One attempt's answer; {@code attempts} is the number of this attempt, so the last one carries the total. */
    private DclOutcome read(ResponseEntity<String> response, int attempts) {
        int status = response.getStatusCode().value();
        String body = response.getBody() == null ? "" : response.getBody();
        if (!response.getStatusCode().is2xxSuccessful()) {
            return refused(status, problemOf(body), attempts);
        }
        if (body.isBlank()) {
            return refused(status, new DclProblem(null, null, "empty body where a provisioning result was expected"),
                    attempts);
        }
        // unreadable: the JacksonException fails this attempt (recorded by the breaker, not retried)
        return new DclOutcome.Accepted(json.readValue(body, ProvisionResult.class), attempts);
    }

    private DclOutcome.Refused refused(int status, DclProblem problem, int attempts) {
        String verb = status >= 500 ? "could not accept" : "refused";
        return new DclOutcome.Refused(status, problem, "DCL " + verb + " the package: " + target() + " answered HTTP "
                + status + (problem.detail() == null ? "" : " (" + problem.detail() + ")") + " after " + tries(attempts)
                + ".", attempts);
    }

    /** DCL speaks problem+json; anything else is kept, shortened, as the detail. */
    private DclProblem problemOf(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return new DclProblem(text(node, "type"), text(node, "title"), text(node, "detail"));
            }
        } catch (JacksonException notJson) {
            // fall through: keep the raw text
        }
        String trimmed = body.strip();
        return new DclProblem(null, null, trimmed.isEmpty() ? null
                : trimmed.length() > MAX_COPIED_BODY ? trimmed.substring(0, MAX_COPIED_BODY) + "…" : trimmed);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The call ended without an answer to pass on: classified by what went wrong. */
    private DclOutcome failure(Throwable error, int attempts) {
        if (error instanceof JacksonException || error instanceof CodecException) {
            return new DclOutcome.Refused(0, null,
                    "DCL answered 2xx but its body is not a provisioning result: " + reason(error), attempts);
        }
        if (error instanceof CallNotPermittedException) {
            CircuitBreaker.State state = circuitBreaker.getState();
            String why = state == CircuitBreaker.State.OPEN
                    ? " after repeated failures (DCL is tried again once the breaker's wait of "
                            + circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)
                            + " ms has passed)"
                    : "";
            return new DclOutcome.Unavailable("DCL unreachable: circuit breaker '" + INSTANCE + "' is " + state + why
                    + ", so DCL was not called.", attempts);
        }
        if (error instanceof TimeoutException) {
            return new DclOutcome.TimedOut("DCL did not answer " + target() + " within " + timeLimiter
                    .getTimeLimiterConfig().getTimeoutDuration().toMillis() + " ms (" + tries(attempts) + ").",
                    attempts);
        }
        if (error instanceof WebClientRequestException) {
            return new DclOutcome.Unavailable("DCL unreachable: " + target() + " failed after " + tries(attempts) + ": "
                    + NestedExceptionUtils.getMostSpecificCause(error).getMessage(), attempts);
        }
        log.warn("DCL call failed unexpectedly error={}", error.getClass().getName(), error);
        return new DclOutcome.Unavailable("DCL call failed after " + tries(attempts) + ": "
                + error.getClass().getSimpleName(), attempts);
    }

    private String target() {
        return "POST " + aod.dclUrl() + PROVISION_PATH;
    }

    private static String tries(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }

    /** The parser's own words, without Jackson's location dump. */
    private static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson.getOriginalMessage();
            }
        }
        return NestedExceptionUtils.getMostSpecificCause(error).getMessage();
    }
}
