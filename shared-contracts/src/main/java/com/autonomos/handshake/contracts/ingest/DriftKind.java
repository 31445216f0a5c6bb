package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a field departs from the invoice contract. */
public enum DriftKind {
    MISSING, WRONG_TYPE, NULL, INVALID;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
