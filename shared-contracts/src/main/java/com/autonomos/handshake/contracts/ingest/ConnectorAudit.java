package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code GET /api/connectors/{id}/audit}: what DCL's counters say it delivered and dead-lettered, against what its
 * stores hold, recounted at request time. {@code balanced} is {@code counted == stored}.
 */
public record ConnectorAudit(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("counted") Counts counted,
        @JsonProperty("stored") Counts stored,
        @JsonProperty("balanced") boolean balanced,
        @JsonProperty("checked_at") Instant checkedAt) {

    /** Records delivered and lines dead-lettered. */
    public record Counts(
            @JsonProperty("delivered") long delivered,
            @JsonProperty("dead_lettered") long deadLettered) {
    }

    public static ConnectorAudit of(String connectorId, Counts counted, Counts stored, Instant checkedAt) {
        return new ConnectorAudit(connectorId, counted, stored, counted.equals(stored), checkedAt);
    }
}
