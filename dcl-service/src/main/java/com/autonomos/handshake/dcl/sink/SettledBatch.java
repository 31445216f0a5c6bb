package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.dcl.telemetry.Settlement;
import java.util.List;

/**
 * One settled batch of a connector: what to store and what it counts.
 *
 * @param leaseEpoch cluster mode: the fencing epoch the batch was read under (a store refuses a stale one); 0 embedded
 * @param tally      every line of the batch, control lines included
 */
public record SettledBatch(String connectorId, long leaseEpoch, List<DeliveredRecord> records,
                           List<DeadLetter> deadLetters, Settlement tally) {
}
