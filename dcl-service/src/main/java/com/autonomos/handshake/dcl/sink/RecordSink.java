package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import java.util.List;

/**
 * Where settled lines go. The embedded default appends NDJSON files under the data directory; a distributed sink
 * (Redis Streams, Kafka) can replace it. Called from the pipeline's worker threads (never a Netty event loop), in
 * stream order per connector, one batch at a time.
 */
public interface RecordSink {

    void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters);

    /** Makes everything written so far durable (at least handed to the OS). */
    void flush();

    /**
     * The connector was deleted and everything it read is settled: close what the sink holds open for it (files,
     * connections) and drop what it keeps in memory (recent records). Written data stays where it is; a later
     * {@link #write} for the same id (the connector created again) opens it afresh.
     */
    void release(String connectorId);

    /**
     * Recounts, at call time, what the stores hold for the connector: entries written by this sink since it started
     * (the embedded files: newline-terminated lines appended by this process; Redis: entries ever added to the
     * streams). The caller holds the connector's settle step still (see {@code ConnectorMeters#quiesced}), so the
     * answer can be compared with the counters.
     */
    StoredCounts stored(String connectorId);
}
