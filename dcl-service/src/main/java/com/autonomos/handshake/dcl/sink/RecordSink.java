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
     * Stores a settled batch. A sink that keeps counters (cluster mode) stores them in the same atomic step as the
     * records, and refuses a stale lease epoch with {@link LeaseLostException}; the embedded sink writes the records
     * (the local meters count them).
     */
    default void settle(SettledBatch batch) {
        if (!batch.records().isEmpty() || !batch.deadLetters().isEmpty()) {
            write(batch.connectorId(), batch.records(), batch.deadLetters());
        }
    }

    /** The connector is gone from this process: let go of what the sink holds open for it (files, buffers). */
    default void release(String connectorId) {
    }

    /** Recounts what the store holds for the connector (trimming never lowers it). */
    StoredCounts stored(String connectorId);
}
