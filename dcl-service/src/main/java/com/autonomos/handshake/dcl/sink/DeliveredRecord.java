package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivered envelope as the pipeline holds it: the same JSON as {@code contracts.ingest.Envelope}, with the payload
 * kept as the parsed tree so the hot path never converts it. The payload is never modified after delivery.
 *
 * @param payloadJson the payload's JSON text exactly as read (ASCII, one line), when the pipeline knows it renders
 *                    {@code payload} faithfully; the file sink then writes it as is instead of serializing the tree.
 *                    Null when the payload was built or changed (repaired records). Never modified.
 */
public record DeliveredRecord(
        @JsonProperty("meta") EnvelopeMeta meta,
        @JsonProperty("payload") ObjectNode payload,
        @JsonIgnore byte[] payloadJson) {

    public DeliveredRecord(EnvelopeMeta meta, ObjectNode payload) {
        this(meta, payload, null);
    }
}
