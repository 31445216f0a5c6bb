package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivered envelope as the pipeline holds it: the same JSON as {@code contracts.ingest.Envelope}, with the payload
 * kept as the parsed tree or the line it was read from (see {@link Payload}), so the hot path never converts it. The
 * payload is never modified after delivery.
 */
public record DeliveredRecord(
        @JsonProperty("meta") EnvelopeMeta meta,
        @JsonProperty("payload") Payload payload) {

    public DeliveredRecord(EnvelopeMeta meta, ObjectNode payload) {
        this(meta, Payload.of(payload));
    }
}
