package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.farm.SourceRecord;
import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.Mismatch;
import com.autonomos.handshake.contracts.ingest.Reconciliation;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.egress.EgressDeniedException;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Repairs drifted records from the Farm's record of truth and has the Farm verify the result.
 *
 * <ul>
 *   <li>No usable {@code invoice_id} ({@code INV-} and digits): {@code unrepairable}, without any call.</li>
 *   <li>The Farm origin is the scheme, host and port of the connector's target URL, unless the policy names a
 *       {@code source_of_truth_url}, which must pass the egress policy (else {@code repair_unavailable}).</li>
 *   <li>The source of truth has no such invoice (404), or lacks a drifted field: {@code unrepairable}.</li>
 *   <li>The source of truth fails (5xx, I/O, time limit: retried by resilience4j) or its breaker is open: the record
 *       is held and tried again every {@code dcl.repair.hold-retry-interval} until {@code dcl.repair.max-hold} has
 *       passed since its first try, then {@code repair_unavailable}. Never passed on as clean, never lost.</li>
 *   <li>Success: a copy of the record with exactly the drifted paths replaced from the record of truth (a missing
 *       parent takes the whole object), which must then satisfy the contract.</li>
 *   <li>Verification: the Farm's verdict is kept as it is; an error or timeout leaves it null with a
 *       {@code verifyError} (never verified). With {@code require_verified}, anything not verified is
 *       {@code verify_failed}, the repaired copy kept for the dead letter.</li>
 *   <li>Reconciliation ({@code policy.reconcile}): when the Farm answers "not verified" with mismatches, those fields
 *       are taken from the record of truth already fetched (each listed with the stream's and the truth's value),
 *       and the record is verified once more; its verdict is the one kept. Nothing is reconciled without a verdict
 *       to go by (an errored verification stays unverified).</li>
 * </ul>
 * Whether to repair at all ({@code policy.repair_enabled}) is the pipeline's decision. The returned Mono never errors.
 */
@Component
class FarmRecordRepairer implements RecordRepairer {

    private static final Logger log = LoggerFactory.getLogger(FarmRecordRepairer.class);
    private static final int DETAIL_LIMIT = 500;

    private final SourceOfTruthClient sourceOfTruth;
    private final VerificationClient verification;
    private final EgressPolicy egress;
    private final RepairProperties properties;
    private final ObjectMapper json;
    /** Checked source-of-truth URLs (the check may resolve DNS, so it is not repeated per record). */
    private final Cache<String, URI> checkedOrigins = Caffeine.newBuilder().maximumSize(1_000).build();
    /** Origins derived from target URLs (parsing a URI per drifted record showed in the profile). */
    private final Cache<String, URI> derivedOrigins = Caffeine.newBuilder().maximumSize(1_000).build();

    FarmRecordRepairer(SourceOfTruthClient sourceOfTruth, VerificationClient verification, EgressPolicy egress,
            RepairProperties properties, ObjectMapper json) {
        this.sourceOfTruth = sourceOfTruth;
        this.verification = verification;
        this.egress = egress;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Mono<RepairOutcome> repair(ConnectorConfig config, ObjectNode record, List<DriftItem> drift) {
        JsonNode id = record.get("invoice_id");
        if (id == null || !id.isString() || !InvoiceContract.isInvoiceId(id.stringValue())) {
            return Mono.just(failed(DeadLetterReason.UNREPAIRABLE,
                    "no usable invoice_id to look the record of truth up with (observed "
                            + InvoiceContract.observed(id) + ")", null, List.of()));
        }
        String invoiceId = id.stringValue();
        ConnectorPolicy policy = config.policy();
        return origin(config)
                .flatMap(origin -> recordOfTruth(origin, invoiceId)
                        .flatMap(truth -> verify(policy, origin, patch(record, drift, truth, invoiceId), truth)))
                .onErrorResume(Failure.class, failure -> Mono.just(failure.outcome))
                .onErrorResume(e -> Mono.just(failed(DeadLetterReason.REPAIR_UNAVAILABLE,
                        "unexpected repair error: " + describe(e), null, List.of())))
                .doOnNext(outcome -> logFailure(config, invoiceId, outcome));
    }

    private Mono<URI> origin(ConnectorConfig config) {
        String sourceOfTruthUrl = config.policy() == null ? null : config.policy().sourceOfTruthUrl();
        if (sourceOfTruthUrl == null || sourceOfTruthUrl.isBlank()) {
            URI derived = derivedOrigins.getIfPresent(config.targetUrl());
            if (derived != null) {
                return Mono.just(derived);
            }
            return Mono.fromCallable(() -> {
                        URI origin = originOf(URI.create(config.targetUrl()));
                        derivedOrigins.put(config.targetUrl(), origin);
                        return origin;
                    })
                    .onErrorMap(e -> !(e instanceof Failure), e -> new Failure(failed(DeadLetterReason.REPAIR_UNAVAILABLE,
                            "cannot derive the source of truth from target_url: " + describe(e), null, List.of())));
        }
        URI checked = checkedOrigins.getIfPresent(sourceOfTruthUrl);
        if (checked != null) {
            return Mono.just(checked);
        }
        return Mono.fromCallable(() -> {
                    URI origin = originOf(egress.check(sourceOfTruthUrl));
                    checkedOrigins.put(sourceOfTruthUrl, origin);
                    return origin;
                })
                .subscribeOn(Schedulers.boundedElastic()) // the check may resolve the host name
                .onErrorMap(EgressDeniedException.class, e -> new Failure(failed(DeadLetterReason.REPAIR_UNAVAILABLE,
                        "source_of_truth_url refused: " + e.getMessage(), null, List.of())));
    }

    private static URI originOf(URI url) throws URISyntaxException {
        if (url.getScheme() == null || url.getHost() == null) {
            throw new URISyntaxException(String.valueOf(url), "not an absolute http(s) URL");
        }
        return new URI(url.getScheme(), null, url.getHost(), url.getPort(), null, null, null);
    }

    private Mono<JsonNode> recordOfTruth(URI origin, String invoiceId) {
        return Mono.defer(() -> {
                    long started = System.nanoTime();
                    return sourceOfTruth.lookup(origin, invoiceId)
                            .onErrorResume(FarmRecordRepairer::worthHolding, first -> held(origin, invoiceId, first, started));
                })
                // shared by every repair of this invoice while cached: read only (patch and reconcile copy from it)
                .<JsonNode>map(source -> source.invoice() instanceof ObjectNode invoice ? invoice : json.createObjectNode())
                .onErrorMap(FarmCallException.InvoiceNotFound.class, e -> new Failure(failed(
                        DeadLetterReason.UNREPAIRABLE, "the source of truth has no invoice " + invoiceId + " (HTTP 404)",
                        null, List.of())))
                .onErrorMap(e -> !(e instanceof Failure), e -> new Failure(failed(DeadLetterReason.REPAIR_UNAVAILABLE,
                        "source of truth lookup failed: " + describe(e), null, List.of())));
    }

    /**
     * The record held after a transient failure (breaker open or retries exhausted): tried again every
     * {@code hold-retry-interval} until {@code max-hold} has passed since the first try. Only a failed lookup pays for
     * the hold's timers: arming them for every repair was a few percent of a repair's CPU.
     */
    private Mono<SourceRecord> held(URI origin, String invoiceId, Throwable first, long started) {
        AtomicReference<Throwable> lastError = new AtomicReference<>(first);
        Duration left = properties.maxHold().minusNanos(System.nanoTime() - started);
        Mono<SourceRecord> unavailable = Mono.error(() -> new Failure(failed(DeadLetterReason.REPAIR_UNAVAILABLE,
                "source of truth unavailable for " + properties.maxHold().toMillis() + " ms: "
                        + describe(lastError.get()), null, List.of())));
        if (left.isNegative() || left.isZero()) {
            return unavailable;
        }
        Mono<SourceRecord> again = sourceOfTruth.lookup(origin, invoiceId)
                .doOnError(lastError::set)
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, properties.holdRetryInterval())
                        .filter(FarmRecordRepairer::worthHolding));
        return Mono.delay(properties.holdRetryInterval()).then(again).timeout(left, unavailable);
    }

    /** Transient: the Farm may answer later (5xx, I/O, timeouts, open breaker). A 404 or other 4xx will not change. */
    static boolean worthHolding(Throwable error) {
        if (error instanceof FarmCallException farm) {
            return farm instanceof FarmCallException.ServerError;
        }
        return true;
    }

    /** Exactly the drifted paths replaced from the record of truth; package-private for the benchmarks. */
    static Patched patch(ObjectNode record, List<DriftItem> drift, JsonNode truth, String invoiceId) {
        ObjectNode repaired = record.deepCopy();
        List<String> fields = new ArrayList<>(drift.size());
        List<String> lacking = new ArrayList<>(0);
        for (DriftItem item : drift) {
            if (fields.contains(item.field())) {
                continue;
            }
            JsonNode value;
            FieldPath path;
            try {
                path = FieldPath.parse(item.field());
                value = path.get(truth);
            } catch (IllegalArgumentException e) {
                lacking.add(item.field());
                continue;
            }
            if (value == null || value.isMissingNode() || !path.set(repaired, value.deepCopy())) {
                lacking.add(item.field());
                continue;
            }
            fields.add(item.field());
        }
        if (!lacking.isEmpty()) {
            throw new Failure(failed(DeadLetterReason.UNREPAIRABLE,
                    "the record of truth for " + invoiceId + " lacks " + lacking, null, List.of()));
        }
        List<DriftItem> remaining = InvoiceContract.check(repaired);
        if (!remaining.isEmpty()) {
            throw new Failure(failed(DeadLetterReason.UNREPAIRABLE, "the record of truth for " + invoiceId
                    + " does not satisfy the contract either: " + remaining.stream().map(DriftItem::field).toList(),
                    null, List.of()));
        }
        return new Patched(repaired, List.copyOf(fields));
    }

    private Mono<RepairOutcome> verify(ConnectorPolicy policy, URI origin, Patched patched, JsonNode truth) {
        return verification.verify(origin, patched.record())
                .flatMap(result -> {
                    if (policy == null || !policy.reconcile() || result.verified() || result.mismatches() == null) {
                        return Mono.just(verified(policy, patched, result, null, List.of()));
                    }
                    List<Reconciliation> reconciled = reconcile(patched.record(), result.mismatches(), truth);
                    if (reconciled.isEmpty()) {
                        return Mono.just(verified(policy, patched, result, null, List.of()));
                    }
                    return verification.verify(origin, patched.record())
                            .map(again -> verified(policy, patched, again, null, reconciled))
                            .onErrorResume(e -> Mono.just(verified(policy, patched, null,
                                    "verification after reconciliation failed: " + describe(e), reconciled)));
                })
                .onErrorResume(e -> Mono.just(verified(policy, patched, null, "verification failed: " + describe(e),
                        List.of())));
    }

    /**
     * Replaces, in {@code record}, every field the Farm disputed with the record of truth's value; a field the truth
     * does not have (or a path that cannot be set) is left as it is. Package-private for the tests.
     */
    static List<Reconciliation> reconcile(ObjectNode record, List<Mismatch> mismatches, JsonNode truth) {
        List<Reconciliation> reconciled = new ArrayList<>(mismatches.size());
        for (Mismatch mismatch : mismatches) {
            FieldPath path;
            JsonNode truthValue;
            try {
                path = FieldPath.parse(mismatch.field());
                truthValue = path.get(truth);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (truthValue == null || truthValue.isMissingNode()) {
                continue;
            }
            JsonNode streamValue = path.get(record);
            streamValue = streamValue == null || streamValue.isMissingNode() ? null : streamValue.deepCopy();
            if (path.set(record, truthValue.deepCopy())) {
                reconciled.add(new Reconciliation(mismatch.field(), streamValue, truthValue));
            }
        }
        return List.copyOf(reconciled);
    }

    private static RepairOutcome verified(ConnectorPolicy policy, Patched patched, VerifyResult result,
            String verifyError, List<Reconciliation> reconciled) {
        boolean verified = result != null && result.verified();
        if (policy != null && policy.requireVerified() && !verified) {
            String detail = verifyError != null ? verifyError
                    : truncate("the Farm did not verify the repaired record: " + result.message() + " mismatches="
                            + (result.mismatches() == null ? List.of()
                                    : result.mismatches().stream().map(m -> m.field()).toList()));
            return new RepairOutcome(patched.record(), patched.fields(), result, verifyError,
                    DeadLetterReason.VERIFY_FAILED, detail, reconciled);
        }
        return new RepairOutcome(patched.record(), patched.fields(), result, verifyError, null, verifyError,
                reconciled);
    }

    private static RepairOutcome failed(DeadLetterReason reason, String detail, ObjectNode repaired, List<String> fields) {
        return new RepairOutcome(repaired, fields, null, null, reason, truncate(detail));
    }

    private static void logFailure(ConnectorConfig config, String invoiceId, RepairOutcome outcome) {
        if (outcome.failure() == DeadLetterReason.REPAIR_UNAVAILABLE) {
            log.warn("Repair unavailable connector={} invoice_id={} detail=\"{}\"", config.connectorId(), invoiceId,
                    outcome.detail());
        } else if (outcome.failure() != null && log.isDebugEnabled()) {
            log.debug("Repair failed connector={} invoice_id={} reason={} detail=\"{}\"", config.connectorId(),
                    invoiceId, outcome.failure().wireName(), outcome.detail());
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no answer within the hold";
        }
        if (e instanceof CallNotPermittedException || e instanceof FarmCallException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String text) {
        return text.length() <= DETAIL_LIMIT ? text : text.substring(0, DETAIL_LIMIT);
    }

    record Patched(ObjectNode record, List<String> fields) {
    }

    /** A repair that ends in a dead letter, carried through the reactive chain to become the outcome. */
    private static final class Failure extends RuntimeException {

        private final transient RepairOutcome outcome;

        Failure(RepairOutcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }
}
