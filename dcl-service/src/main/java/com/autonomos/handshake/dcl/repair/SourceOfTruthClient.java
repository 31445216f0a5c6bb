package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.farm.SourceRecord;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Looks up the record of truth: {@code GET <origin>/api/source/salesforce/invoice/{invoice_id}}, through the
 * resilience4j instances named {@value #INSTANCE} (retry around circuit breaker around time limit; policy in
 * application.yml). Lookups are cached by origin and invoice id for {@code dcl.repair.cache-ttl}; the in-flight lookup
 * is cached too, so concurrent repairs of one invoice make one request. Failed lookups are not cached.
 */
@Component
class SourceOfTruthClient {

    static final String INSTANCE = "sourceOfTruth";
    static final String PATH = "/api/source/salesforce/invoice/";

    private final FarmHttp http;
    private final ObjectReader sourceRecords;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final TimeLimiter timeLimiter;
    private final AsyncCache<String, Lookup> cache;

    SourceOfTruthClient(FarmHttp http, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
            TimeLimiterRegistry timeLimiters, RepairProperties properties, ObjectMapper json) {
        this.http = http;
        this.sourceRecords = json.readerFor(SourceRecord.class);
        this.retry = retries.retry(INSTANCE);
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        this.cache = Caffeine.newBuilder()
                // eviction work runs on the calling thread: handing it to the common pool woke a thread per few
                // lookups (about 2% of DCL's CPU when repairing)
                .executor(Runnable::run)
                .expireAfterWrite(properties.cacheTtl())
                .maximumSize(properties.cacheMaxSize())
                .buildAsync();
        BreakerTransitions.log(circuitBreaker);
    }

    /**
     * The record of truth for one invoice. Errors with {@link FarmCallException.InvoiceNotFound} when the Farm has no
     * such invoice; with the last failure when retries are exhausted; with {@code CallNotPermittedException} while the
     * breaker is open.
     *
     * @param origin    scheme, host and port of the Farm
     * @param invoiceId a usable invoice id ({@code INV-} and digits), so it is safe as a path segment
     */
    Mono<SourceRecord> lookup(URI origin, String invoiceId) {
        // deferred: every subscription (a held record trying again) consults the cache afresh
        return Mono.defer(() -> {
            String url = origin + PATH + invoiceId; // also the cache key: one per Farm and invoice
            CompletableFuture<Lookup> shared = cache.get(url, (k, executor) -> fetch(url)
                    .map(record -> new Lookup(record, null))
                    .onErrorResume(e -> Mono.just(new Lookup(null, e)))
                    .toFuture());
            // one subscriber cancelling (e.g. its hold ran out) must not cancel the lookup others share
            return Mono.fromFuture(shared, true).flatMap(lookup -> {
                if (lookup.error() == null) {
                    return Mono.just(lookup.record());
                }
                cache.asMap().remove(url, shared); // a failure is not cached: the next lookup asks again
                return Mono.error(lookup.error());
            });
        });
    }

    /**
     * A finished lookup. Failures complete the shared future normally (and are evicted by hand) so that the cache
     * does not log every failed lookup as a failed asynchronous load.
     */
    private record Lookup(SourceRecord record, Throwable error) {
    }

    private Mono<SourceRecord> fetch(String url) {
        return http.get(url)
                .map(answer -> {
                    if (answer.status() == 404) {
                        throw new FarmCallException.InvoiceNotFound("source of truth " + url);
                    }
                    return answer.<SourceRecord>decode("source of truth", url, sourceRecords);
                })
                // named: the time limiter's timeout looks the chain's name up on every call (walking the whole
                // chain cost 6% of DCL's CPU when repairing), and a TimeoutException now says what timed out
                .name(INSTANCE)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry));
    }
}
