package com.autonomos.handshake.aod.scan;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;
import com.autonomos.handshake.contracts.discovery.ProbeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The scan feature's entry point: runs the registered {@link MiddlewareScanner}s and counts what they saw. */
@Service
public class ScanService {

    private static final Logger log = LoggerFactory.getLogger(ScanService.class);

    private final Map<String, MiddlewareScanner> scanners;
    private final MeterRegistry meters;
    private final Clock clock;

    ScanService(List<MiddlewareScanner> scanners, MeterRegistry meters) {
        this.scanners = scanners.stream().collect(Collectors.toMap(MiddlewareScanner::platform, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two scanners for platform " + a.platform());
                }, TreeMap::new));
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    public Set<String> platforms() {
        return scanners.keySet();
    }

    /** Probes one platform's route; empty when no scanner knows the platform. */
    public Optional<MiddlewareDetection> scan(String platform) {
        return Optional.ofNullable(scanners.get(platform)).map(this::run);
    }

    ScanReport scanAll() {
        return new ScanReport(clock.instant(), scanners.values().stream().map(this::run).toList());
    }

    private MiddlewareDetection run(MiddlewareScanner scanner) {
        MiddlewareDetection detection;
        try {
            detection = scanner.scan();
        } catch (RuntimeException e) {
            // A broken scanner must not hide the others; report it as a failed probe.
            log.warn("scan failed platform={} error={}", scanner.platform(), e.toString());
            detection = new MiddlewareDetection(scanner.platform(), null, null, 0.0,
                    new ProbeResult(false, 0, 0, false, "scanner failed: " + e.getClass().getSimpleName()));
        }
        String outcome = outcomeOf(detection.probe());
        Counter.builder("aod.scans")
                .description("Middleware scans by platform and what the probe saw")
                .tag("platform", scanner.platform())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        log.info("scan platform={} outcome={} detected_url={} confidence={} http_status={} latency_ms={}",
                detection.platform(), outcome, detection.detectedUrl(), detection.confidence(),
                detection.probe().httpStatus(), detection.probe().latencyMs());
        return detection;
    }

    private static String outcomeOf(ProbeResult probe) {
        if (!probe.reachable()) {
            return "unreachable";
        }
        return probe.looksLikeInvoices() ? "detected" : "not_invoice";
    }
}
