package com.autonomos.handshake.farm.stream;

/** What a stream line is. Every line is exactly one kind. */
public enum LineKind {
    /** An invoice record (possibly disagreeing with the record of truth on {@code total_amount}, see mismatch rate). */
    CLEAN,
    /** Not JSON at all: a truncated object or bare text. */
    MALFORMED,
    /** Valid JSON that is not an object: an array, a string or a number. */
    NOT_AN_OBJECT,
    /**
     * In place of a record, one or three empty lines on the wire (the public Farm's malformed chaos sends an empty
     * string or two newlines); only with {@link Truth#ID}.
     */
    EMPTY,
    /** {@code {"_chaos":"latency_spike_starting","delay_seconds":N}}, followed by an N-second stall. */
    CONTROL,
    /**
     * The clean record with a value of the wrong type (or null), tagged {@code _chaos_injected}; with {@link Truth#ID}
     * two related values at once ({@code total_amount} with {@code subtotal}, {@code invoice_date} with
     * {@code due_date}, ...).
     */
    BAD_TYPE,
    /** The clean record with fields missing, tagged {@code _chaos_injected:"drift"} and {@code _drift_type}. */
    DRIFT
}
