package com.autonomos.handshake.farm.stream;

/** How a stream record relates to the record of truth for its invoice id (query parameter {@code truth}). */
public enum Truth {
    /**
     * The default, as on the public Farm: the record of truth derives from the invoice id alone, the stream's values are
     * drawn independently, so a record (repaired or not) agrees with the truth on the verified fields only by chance.
     * Chaos includes empty lines, bad types damage two fields, latency markers carry {@code record_number}.
     */
    ID,
    /**
     * The stream's clean record equals the record of truth for its id (damage applied on top): every repair verifies.
     * The simulator's original behaviour, for tests that need exact equality.
     */
    STREAM
}
