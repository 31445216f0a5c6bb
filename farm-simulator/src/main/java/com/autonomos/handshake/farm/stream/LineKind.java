package com.autonomos.handshake.farm.stream;

/** What a stream line is. Every line is exactly one kind. */
public enum LineKind {
    /** An invoice record (possibly disagreeing with the record of truth on {@code total_amount}, see mismatch rate). */
    CLEAN,
    /** Not JSON at all: a truncated object or bare text. */
    MALFORMED,
    /** Valid JSON that is not an object: an array, a string or a number. */
    NOT_AN_OBJECT,
    /** {@code {"_chaos":"latency_spike_starting","delay_seconds":N}}, followed by an N-second stall. */
    CONTROL,
    /** The clean record with a value of the wrong type (or null), tagged {@code _chaos_injected}. */
    BAD_TYPE,
    /** The clean record with fields missing, tagged {@code _chaos_injected:"drift"} and {@code _drift_type}. */
    DRIFT
}
