package com.autonomos.handshake.farm.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a seeded stream contains, line by line: how a consumer's test learns what it should have seen.
 *
 * @param counts     entries per kind (every kind present, zeros included): {@code CONTROL} is the latency markers
 *                   sent, {@code EMPTY} the places where a record was replaced by empty lines
 * @param emptyLines empty lines on the wire (an EMPTY entry sends one or three)
 * @param wireLines  lines on the wire in all: what a consumer frames ({@code limit} plus two per three-line EMPTY)
 * @param mismatched clean lines whose {@code total_amount} was made to differ from the record of truth
 *                   ({@code mismatch_rate}, {@code truth=stream} only; by default every value is independent of it)
 * @param truth      how stream values relate to the record of truth
 * @param lines      each entry's classification
 */
record Manifest(
        @JsonProperty("counts") Map<LineKind, Long> counts,
        @JsonProperty("empty_lines") long emptyLines,
        @JsonProperty("wire_lines") long wireLines,
        @JsonProperty("mismatched") long mismatched,
        @JsonProperty("truth") String truth,
        @JsonProperty("lines") List<Entry> lines) {

    record Entry(
            @JsonProperty("index") long index,
            @JsonProperty("kind") LineKind kind,
            @JsonProperty("invoice_id") String invoiceId,
            @JsonProperty("damaged_fields") List<String> damagedFields,
            @JsonProperty("wire_lines") int wireLines) {
    }

    static Manifest of(FarmStream stream) {
        Map<LineKind, Long> counts = new EnumMap<>(LineKind.class);
        for (LineKind kind : LineKind.values()) {
            counts.put(kind, 0L);
        }
        List<Entry> entries = new ArrayList<>((int) stream.spec().limit());
        long mismatched = 0;
        long emptyLines = 0;
        long wireLines = 0;
        LineRenderer renderer = stream.renderer();
        for (long index = 0; index < stream.spec().limit(); index++) {
            renderer.render(index);
            LineKind kind = renderer.kind();
            counts.merge(kind, 1L, Long::sum);
            wireLines += renderer.wireLines();
            if (kind == LineKind.EMPTY) {
                emptyLines += renderer.wireLines();
            }
            if (kind == LineKind.CLEAN && !renderer.damagedFields().isEmpty()) {
                mismatched++;
            }
            entries.add(new Entry(index, kind, renderer.invoiceId(), renderer.damagedFields(), renderer.wireLines()));
        }
        return new Manifest(counts, emptyLines, wireLines, mismatched,
                stream.spec().truth().name().toLowerCase(java.util.Locale.ROOT), entries);
    }
}
