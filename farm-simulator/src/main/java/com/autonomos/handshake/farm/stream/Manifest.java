package com.autonomos.handshake.farm.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a seeded stream contains, line by line: how a consumer's test learns what it should have seen.
 *
 * @param counts     lines per kind (every kind present, zeros included)
 * @param mismatched clean lines whose {@code total_amount} differs from the record of truth
 * @param lines      each line's classification
 */
record Manifest(
        @JsonProperty("counts") Map<LineKind, Long> counts,
        @JsonProperty("mismatched") long mismatched,
        @JsonProperty("lines") List<Entry> lines) {

    record Entry(
            @JsonProperty("index") long index,
            @JsonProperty("kind") LineKind kind,
            @JsonProperty("invoice_id") String invoiceId,
            @JsonProperty("damaged_fields") List<String> damagedFields) {
    }

    static Manifest of(FarmStream stream) {
        Map<LineKind, Long> counts = new EnumMap<>(LineKind.class);
        for (LineKind kind : LineKind.values()) {
            counts.put(kind, 0L);
        }
        List<Entry> entries = new ArrayList<>((int) stream.spec().limit());
        long mismatched = 0;
        LineRenderer renderer = stream.renderer();
        for (long index = 0; index < stream.spec().limit(); index++) {
            renderer.render(index);
            LineKind kind = renderer.kind();
            counts.merge(kind, 1L, Long::sum);
            if (kind == LineKind.CLEAN && !renderer.damagedFields().isEmpty()) {
                mismatched++;
            }
            entries.add(new Entry(index, kind, renderer.invoiceId(), renderer.damagedFields()));
        }
        return new Manifest(counts, mismatched, entries);
    }
}
