package com.autonomos.handshake.dcl.audit;

import com.autonomos.handshake.contracts.ingest.ConnectorAudit;
import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.dcl.telemetry.IngestTelemetry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Conservation checked from outside the counters: what DCL counted as delivered and dead-lettered against what its
 * stores hold, recounted now. The connector's settle step is held still meanwhile, so a batch is either in both or in
 * neither.
 */
@RestController
@Tag(name = "connectors")
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);
    private static final int MAX_RECOUNTS = 20;

    private final Map<String, ConnectorAudit.Counts[]> lastWarned = new ConcurrentHashMap<>();

    private final ConnectorRegistry registry;
    private final IngestTelemetry telemetry;
    private final RecordSink sink;
    private final Clock clock;

    AuditController(ConnectorRegistry registry, IngestTelemetry telemetry, RecordSink sink, Clock clock) {
        this.registry = registry;
        this.telemetry = telemetry;
        this.sink = sink;
        this.clock = clock;
    }

    @GetMapping("/api/connectors/{id}/audit")
    @Operation(summary = "Counters against a recount of the stores",
            description = "counted: the connector's delivered and dead_lettered counters; stored: the sink's records "
                    + "and dead letters recounted now; balanced: counted == stored")
    ConnectorAudit audit(@PathVariable String id) {
        registry.require(id);
        ConnectorAudit audit = telemetry.meters(id).quiesced(() -> recount(id));
        ConnectorAudit.Counts[] state = {audit.counted(), audit.stored()};
        if (!audit.balanced() && !Arrays.equals(state, lastWarned.put(id, state))) {
            // once per distinct imbalance: the dashboard asks every few seconds
            log.warn("Audit unbalanced connector={} counted_delivered={} stored_delivered={} counted_dead_lettered={} "
                            + "stored_dead_lettered={}", id, audit.counted().delivered(), audit.stored().delivered(),
                    audit.counted().deadLettered(), audit.stored().deadLettered());
        }
        if (audit.balanced()) {
            lastWarned.remove(id);
        }
        return audit;
    }

    /**
     * The counters (cluster mode: the ones in Redis, which every worker's batches update) and a recount of the stores.
     * Embedded, the caller holds the connector's settle step still; in cluster mode the owner may be another worker,
     * so the counters are read before and after the recount and the pair is kept only when they did not move.
     */
    private ConnectorAudit recount(String id) {
        for (int attempt = 1; ; attempt++) {
            TelemetryCounts before = telemetry.counts(id);
            StoredCounts stored = sink.stored(id);
            TelemetryCounts after = telemetry.counts(id);
            boolean still = before.delivered() == after.delivered() && before.deadLettered() == after.deadLettered();
            if (still || attempt == MAX_RECOUNTS) {
                return ConnectorAudit.of(id, new ConnectorAudit.Counts(after.delivered(), after.deadLettered()),
                        new ConnectorAudit.Counts(stored.delivered(), stored.deadLettered()), clock.instant());
            }
        }
    }
}
