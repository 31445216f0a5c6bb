package com.autonomos.handshake.farm.stream;

import com.autonomos.handshake.farm.invoice.Invoice;
import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import com.autonomos.handshake.farm.invoice.InvoiceJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders line {@code index} of a stream into a reused buffer. Every decision of a line comes from a random generator
 * seeded by (seed, index) and every draw is always made, so a line does not depend on the lines before it and the
 * invoice id at an index does not change with the chaos settings. Not thread-safe: one renderer per consumer.
 */
final class LineRenderer {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long SEEDED_EPOCH_MILLIS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final long SEEDED_SPREAD_SECONDS = 365L * 24 * 3600;
    private static final long SEEDED_LINE_SPACING_MILLIS = 100; // what "normal" speed would produce
    private static final List<String> MISMATCHED_TOTAL = List.of("total_amount");
    private static final String[] BARE_TEXT = {
            "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "ERROR [mule-flow-invoices] java.lang.NullPointerException at transform step 3"};

    private final StreamSpec spec;
    private final long streamKey;
    private final long firstTimestampMillis;
    private final LineKind[] chaosKinds;
    private final boolean faithful;
    private final byte[] lineEnding;
    private final LineBuffer buffer = new LineBuffer();
    private final JsonGenerator generator = InvoiceJson.MAPPER.createGenerator(buffer);
    private final SyncTimestamps timestamps = new SyncTimestamps();

    private LineKind kind;
    private String invoiceId;
    private List<String> damagedFields;
    private int wireLines;

    LineRenderer(StreamSpec spec) {
        this.spec = spec;
        this.streamKey = mix(spec.seed());
        this.firstTimestampMillis = SEEDED_EPOCH_MILLIS
                + Math.floorMod(mix(streamKey), SEEDED_SPREAD_SECONDS) * 1000;
        this.faithful = spec.faithful();
        this.chaosKinds = chaosKinds(spec);
        this.lineEnding = spec.lineEnding().chars().getBytes(StandardCharsets.US_ASCII);
    }

    /** The chaos kinds a spec draws from, in a fixed order (so a seed keeps its meaning). */
    private static LineKind[] chaosKinds(StreamSpec spec) {
        List<LineKind> kinds = new java.util.ArrayList<>(List.of(LineKind.MALFORMED, LineKind.NOT_AN_OBJECT));
        if (spec.faithful()) {
            kinds.add(LineKind.EMPTY);
        }
        if (spec.spikeSeconds() > 0) {
            kinds.add(LineKind.CONTROL);
        }
        kinds.add(LineKind.BAD_TYPE);
        kinds.add(LineKind.DRIFT);
        return kinds.toArray(LineKind[]::new);
    }

    /**
     * The invoice a line is drawn from: with {@link Truth#STREAM} the record of truth for its id; by default values
     * drawn from the line's own random bits, independent of the record of truth (as on the public Farm).
     */
    private Invoice invoice(String id, long valueSeed) {
        return faithful ? InvoiceFactory.create(id, valueSeed) : InvoiceFactory.create(id);
    }

    /** Renders line {@code index}; its bytes and classification stay available until the next call. */
    void render(long index) {
        buffer.reset();
        SplittableRandom random = new SplittableRandom(mix(streamKey + index * GOLDEN_GAMMA));
        String id = InvoiceFactory.invoiceId(random.nextInt(1_000_000));
        double chaosRoll = random.nextDouble();
        int kindPick = random.nextInt(chaosKinds.length);
        int variantPick = random.nextInt(1 << 20);
        double mismatchRoll = random.nextDouble();
        long mismatchCents = (1 + random.nextInt(50_000)) * (random.nextBoolean() ? 1L : -1L);
        long correlationHigh = random.nextLong();
        long correlationLow = random.nextLong();
        double cutRoll = random.nextDouble();
        long valueSeed = random.nextLong(); // drawn last, so that truth=stream streams are what they always were

        StreamFields fields = new StreamFields(index, correlationHigh, correlationLow);
        kind = chaosRoll < spec.effectiveChaosRate() ? chaosKinds[kindPick] : LineKind.CLEAN;
        invoiceId = null;
        damagedFields = List.of();
        wireLines = 1;
        switch (kind) {
            case CLEAN -> {
                invoiceId = id;
                Invoice invoice = invoice(id, valueSeed);
                if (!faithful && mismatchRoll < spec.mismatchRate()) {
                    long total = invoice.totalAmountCents();
                    invoice = invoice.withTotalAmountCents(total + mismatchCents > 0
                            ? total + mismatchCents : total - mismatchCents);
                    damagedFields = MISMATCHED_TOTAL;
                }
                writeRecord(invoice, fields);
            }
            case BAD_TYPE -> {
                invoiceId = id;
                Invoice invoice = invoice(id, valueSeed);
                BadType badType = BadType.values()[variantPick % BadType.values().length];
                ObjectNode record = InvoiceJson.toTree(invoice);
                badType.apply(record, invoice, faithful);
                fields.addTo(record);
                if (spec.tags()) {
                    record.put("_chaos_injected", badType.tag());
                }
                damagedFields = badType.damagedFields(faithful);
                writeTree(record);
            }
            case DRIFT -> {
                invoiceId = id;
                Drift drift = Drift.values()[variantPick % Drift.values().length];
                ObjectNode record = InvoiceJson.toTree(invoice(id, valueSeed));
                drift.apply(record);
                fields.addTo(record);
                if (spec.tags()) {
                    record.put("_chaos_injected", "drift");
                    record.put("_drift_type", drift.type());
                }
                damagedFields = drift.damagedFields();
                writeTree(record);
            }
            case MALFORMED -> writeMalformed(invoice(id, valueSeed), variantPick, cutRoll, fields);
            case NOT_AN_OBJECT -> writeNotAnObject(id, invoice(id, valueSeed), variantPick % 3);
            case EMPTY -> wireLines = variantPick % 2 == 0 ? 1 : 3; // an empty string, or two newlines in a line
            case CONTROL -> {
                generator.writeStartObject();
                generator.writeStringProperty("_chaos", "latency_spike_starting");
                generator.writeNumberProperty("delay_seconds", spec.spikeSeconds());
                if (faithful) {
                    generator.writeNumberProperty("record_number", index + 1);
                }
                generator.writeEndObject();
                generator.flush();
            }
        }
    }

    LineKind kind() {
        return kind;
    }

    String invoiceId() {
        return invoiceId;
    }

    List<String> damagedFields() {
        return damagedFields;
    }

    /** Lines the rendered entry puts on the wire (more than one only for EMPTY). */
    int wireLines() {
        return wireLines;
    }

    /** Writes the rendered line and its line ending (an EMPTY entry: one or three line endings). */
    void writeLine(OutputStream out) throws IOException {
        buffer.writeTo(out);
        for (int i = 0; i < wireLines; i++) {
            out.write(lineEnding);
        }
    }

    GeneratedLine toGeneratedLine(long index) {
        return new GeneratedLine(index, kind, buffer.text(), invoiceId, damagedFields, wireLines);
    }

    private void writeRecord(Invoice invoice, StreamFields fields) {
        generator.writeStartObject();
        InvoiceJson.writeProperties(generator, invoice);
        fields.writeTo(generator);
        generator.writeEndObject();
        generator.flush();
    }

    private void writeTree(ObjectNode record) {
        generator.writeTree(record);
        generator.flush();
    }

    private void writeMalformed(Invoice invoice, int variantPick, double cutRoll, StreamFields fields) {
        if (variantPick % 2 == 0) {
            // A record cut off mid-flight: no proper prefix of an object is JSON.
            writeRecord(invoice, fields);
            buffer.truncate((int) (buffer.size() * (0.2 + 0.6 * cutRoll)));
        } else {
            byte[] text = BARE_TEXT[(variantPick / 2) % BARE_TEXT.length].getBytes(StandardCharsets.US_ASCII);
            buffer.write(text, 0, text.length);
        }
    }

    private void writeNotAnObject(String id, Invoice invoice, int variant) {
        String total = InvoiceJson.decimal(invoice.totalAmountCents(), 2);
        switch (variant) {
            case 0 -> {
                generator.writeStartArray();
                generator.writeStartObject();
                generator.writeStringProperty("invoice_id", id);
                generator.writeName("total_amount");
                generator.writeNumber(total);
                generator.writeEndObject();
                generator.writeEndArray();
            }
            case 1 -> generator.writeString(id + " queued for sync");
            default -> generator.writeNumber(total);
        }
        generator.flush();
    }

    /** The properties the stream adds to an invoice: sync time, correlation id and stream metadata. */
    private final class StreamFields {

        private final String syncTimestamp;
        private final String correlationId;
        private final long recordNumber;

        StreamFields(long index, long high, long low) {
            long millis = spec.wallClock() ? System.currentTimeMillis()
                    : firstTimestampMillis + index * SEEDED_LINE_SPACING_MILLIS;
            this.syncTimestamp = timestamps.format(millis);
            // A version 4 (random) UUID built from the line's own random bits.
            this.correlationId = new UUID((high & ~0xF000L) | 0x4000L,
                    (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
            this.recordNumber = index + 1;
        }

        void writeTo(JsonGenerator g) {
            g.writeStringProperty("sync_timestamp", syncTimestamp);
            g.writeStringProperty("correlation_id", correlationId);
            g.writeName("_stream_meta");
            g.writeStartObject();
            g.writeNumberProperty("record_number", recordNumber);
            g.writeBooleanProperty("chaos_mode", spec.chaos());
            g.writeEndObject();
        }

        void addTo(ObjectNode record) {
            record.put("sync_timestamp", syncTimestamp);
            record.put("correlation_id", correlationId);
            ObjectNode meta = record.putObject("_stream_meta");
            meta.put("record_number", recordNumber);
            meta.put("chaos_mode", spec.chaos());
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
