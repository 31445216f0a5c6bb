package com.autonomos.handshake.dcl.sink;

/** What a sink holds for one connector, recounted from the store itself (the audit compares it with the counters). */
public record StoredCounts(long delivered, long deadLettered) {
}
