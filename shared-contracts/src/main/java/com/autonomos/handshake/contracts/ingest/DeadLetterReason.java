package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a line was not delivered. */
public enum DeadLetterReason {
    /** Not JSON at all. */
    MALFORMED,
    /**
     * An empty or whitespace-only line where a record was due (the public Farm's malformed chaos sends one or three);
     * under the connector policy {@code empty_lines: skip} such lines are counted as control instead.
     */
    EMPTY_LINE,
    /** JSON, but not an object (array, string, number...). */
    NOT_AN_OBJECT,
    /** Longer than the line bound, or beyond the parser's nesting/number/string constraints. */
    TOO_LARGE,
    /** Drifted and no usable invoice_id to look the record of truth up with. */
    UNREPAIRABLE,
    /** Drifted and the source of truth could not be reached within the bound. */
    REPAIR_UNAVAILABLE,
    /** Repaired but not verified while the policy requires verification. */
    VERIFY_FAILED,
    /** A {@code _chaos} control line whose fields cannot be honoured (e.g. a negative or non-numeric delay). */
    INVALID_CONTROL,
    /** The line could not be processed: an unexpected error in the pipeline, kept with the error as detail. */
    PROCESSING_FAILED,
    /** Read, but its connection's pipeline ended with an error before the line could be settled otherwise. */
    STREAM_ABORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
