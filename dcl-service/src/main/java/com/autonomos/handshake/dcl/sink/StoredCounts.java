package com.autonomos.handshake.dcl.sink;

/**
 * What a sink's stores hold for one connector, recounted from the stores themselves (not from DCL's counters): the
 * delivered envelopes and the dead letters.
 */
public record StoredCounts(long delivered, long deadLettered) {
}
