package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import java.util.List;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Repairs a drifted record from the system of record and verifies the result. The ingest pipeline calls it for each
 * drifted record (with bounded concurrency, keeping stream order); it never errors: every failure is an outcome.
 */
public interface RecordRepairer {

    /**
     * @param config the connector's configuration when the record was read (policy, target URL)
     * @param record the record as read; not modified
     * @param drift  what the invoice contract found wrong with it (non-empty)
     */
    Mono<RepairOutcome> repair(ConnectorConfig config, ObjectNode record, List<DriftItem> drift);
}
