package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses a framed line under tightened Jackson constraints and classifies it: dead letter (malformed, not an object,
 * too large), control ({@code _chaos} without {@code invoice_id}, or blank), clean or drifted record. The Farm's
 * {@code _chaos_injected} / {@code _drift_type} tags are never consulted. Stateless and thread-safe.
 */
final class LineClassifier {

    private final JsonMapper mapper;
    private final int maxLineBytes;
    private final int rawBound;

    LineClassifier(IngestProperties properties) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(properties.maxNestingDepth())
                .maxNumberLength(properties.maxNumberLength())
                .maxStringLength(properties.maxStringLength())
                .maxDocumentLength(properties.maxLineBytes().toBytes())
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.maxLineBytes = (int) properties.maxLineBytes().toBytes();
        this.rawBound = (int) properties.rawBound().toBytes();
    }

    Classified classify(Frame frame) {
        byte[] bytes = frame.bytes();
        if (frame.oversized()) {
            return new Classified.Rejected(DeadLetterReason.TOO_LARGE,
                    "line of " + frame.length() + " bytes exceeds max-line-bytes " + maxLineBytes, raw(bytes), true);
        }
        if (blank(bytes)) {
            return Classified.Control.KEEP_ALIVE;
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (StreamConstraintsException e) {
            return reject(DeadLetterReason.TOO_LARGE, e, bytes);
        } catch (JacksonException e) {
            return reject(DeadLetterReason.MALFORMED, e, bytes);
        }
        if (!(node instanceof ObjectNode record)) {
            return new Classified.Rejected(DeadLetterReason.NOT_AN_OBJECT,
                    "JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object",
                    raw(bytes), bytes.length > rawBound);
        }
        JsonNode chaos = record.get("_chaos");
        if (chaos != null && !record.has("invoice_id")) {
            JsonNode delay = record.get("delay_seconds");
            long seconds = delay != null && delay.isNumber() ? Math.max(0, delay.asLong()) : 0;
            return new Classified.Control(chaos.isString() ? chaos.asString() : chaos.toString(), seconds);
        }
        List<DriftItem> drift = InvoiceContract.check(record);
        return drift.isEmpty() ? new Classified.Clean(record) : new Classified.Drifted(record, drift, bytes);
    }

    private Classified.Rejected reject(DeadLetterReason reason, JacksonException e, byte[] bytes) {
        return new Classified.Rejected(reason, e.getOriginalMessage(), raw(bytes), bytes.length > rawBound);
    }

    String raw(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, rawBound), StandardCharsets.UTF_8);
    }

    boolean truncated(byte[] bytes) {
        return bytes.length > rawBound;
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
