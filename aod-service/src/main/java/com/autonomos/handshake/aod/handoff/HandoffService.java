package com.autonomos.handshake.aod.handoff;

import java.util.EnumMap;
import java.util.Map;

import com.autonomos.handshake.aod.scan.ScanService;
import com.autonomos.handshake.aod.system.Problems;
import com.autonomos.handshake.contracts.discovery.HandoffRequest;
import com.autonomos.handshake.contracts.discovery.HandoffResult;
import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;
import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The handshake's step 2: scan the platform, and only if its route answered with invoices send DCL the targeting
 * package. One INFO line and one {@code aod.handoffs} count per handoff, whatever the outcome.
 */
@Service
class HandoffService {

    private static final Logger log = LoggerFactory.getLogger(HandoffService.class);

    private final ScanService scans;
    private final DclClient dcl;
    private final HandoffProperties properties;
    private final Map<HandoffOutcome, Counter> handoffs = new EnumMap<>(HandoffOutcome.class);

    HandoffService(ScanService scans, DclClient dcl, HandoffProperties properties, MeterRegistry meters) {
        this.scans = scans;
        this.dcl = dcl;
        this.properties = properties;
        // Registered up front so every outcome is visible (at 0) before it first happens.
        for (HandoffOutcome outcome : HandoffOutcome.values()) {
            handoffs.put(outcome, Counter.builder("aod.handoffs")
                    .description("Handoffs to DCL by outcome")
                    .tag("outcome", outcome.tag())
                    .register(meters));
        }
    }

    /** @param request may be null (empty body): the defaults apply. */
    HandoffResult handOff(HandoffRequest request) {
        String platform = request == null || request.platform() == null ? properties.defaultPlatform()
                : request.platform();
        boolean chaos = request == null || request.chaos() == null ? properties.defaultChaos() : request.chaos();
        boolean reconcile = request != null && Boolean.TRUE.equals(request.reconcile());
        long started = System.nanoTime();

        MiddlewareDetection detection = scans.scan(platform).orElseThrow(() -> unknownPlatform(platform));
        if (!detection.probe().reachable() || detection.confidence() < properties.minConfidence()) {
            String detail = "Route not detected for platform '" + platform + "': " + detection.probe().detail()
                    + " (confidence " + detection.confidence() + ", minimum " + properties.minConfidence()
                    + "). Nothing was sent to DCL.";
            finish(HandoffOutcome.ROUTE_NOT_DETECTED, platform, null, 0, 0, started, detail);
            ProblemDetail problem = problem(HandoffOutcome.ROUTE_NOT_DETECTED, detail);
            problem.setProperty("detection", detection);
            throw failed(problem);
        }

        ProvisioningPackage targetingPackage = targetingPackage(detection, chaos, reconcile);
        DclOutcome outcome = dcl.provision(targetingPackage);
        if (outcome instanceof DclOutcome.Accepted accepted) {
            finish(HandoffOutcome.SENT, platform, targetingPackage, accepted.attempts(), 200, started,
                    accepted.detail());
            return new HandoffResult(HandoffResult.SENT, targetingPackage.connectorId(), detection, targetingPackage,
                    accepted.result());
        }
        // Refused, Unavailable or TimedOut: each is its own problem type, with DCL's own words when it answered
        int dclStatus = outcome instanceof DclOutcome.Refused refused ? refused.status() : 0;
        finish(outcome.handoff(), platform, targetingPackage, outcome.attempts(), dclStatus, started, outcome.detail());
        ProblemDetail problem = problem(outcome.handoff(), outcome.detail());
        problem.setProperty("connector_id", targetingPackage.connectorId());
        problem.setProperty("target_url", targetingPackage.targetUrl());
        problem.setProperty("attempts", outcome.attempts());
        if (dclStatus != 0) {
            problem.setProperty("dcl_status", dclStatus);
        }
        if (outcome instanceof DclOutcome.Refused refused && refused.problem() != null) {
            putIfPresent(problem, "dcl_type", refused.problem().type());
            putIfPresent(problem, "dcl_title", refused.problem().title());
            putIfPresent(problem, "dcl_detail", refused.problem().detail());
        }
        throw failed(problem);
    }

    private ProvisioningPackage targetingPackage(MiddlewareDetection detection, boolean chaos, boolean reconcile) {
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(detection.detectedUrl());
        if (chaos) {
            target.queryParam("chaos", "true");
        }
        return new ProvisioningPackage(properties.connectorId(), properties.sourceType(),
                target.build().toUriString(),
                new ConnectorPolicy(properties.repairEnabled(), false, null).withReconcile(reconcile));
    }

    private ErrorResponseException unknownPlatform(String platform) {
        ProblemDetail problem = Problems.of(ProblemType.UNKNOWN_PLATFORM,
                "No scanner for platform '" + platform + "'. Known platforms: " + scans.platforms() + ".");
        problem.setProperty("known_platforms", scans.platforms());
        return failed(problem);
    }

    /** A handoff that did not end in "Provisioning Command Sent", answered with its problem. */
    private static ErrorResponseException failed(ProblemDetail problem) {
        return new ErrorResponseException(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    private static ProblemDetail problem(HandoffOutcome outcome, String detail) {
        ProblemDetail problem = Problems.of(outcome.problemType(), detail);
        problem.setProperty("outcome", outcome.tag());
        return problem;
    }

    private static void putIfPresent(ProblemDetail problem, String name, String value) {
        if (value != null) {
            problem.setProperty(name, value);
        }
    }

    private void finish(HandoffOutcome outcome, String platform, ProvisioningPackage targetingPackage, int attempts,
            int dclStatus, long started, String detail) {
        handoffs.get(outcome).increment();
        log.info("handoff outcome={} platform={} connector_id={} target_url={} dcl_status={} attempts={} "
                        + "duration_ms={} detail=\"{}\"",
                outcome.tag(), platform, properties.connectorId(),
                targetingPackage == null ? "-" : targetingPackage.targetUrl(), dclStatus, attempts,
                (System.nanoTime() - started) / 1_000_000, detail);
    }
}
