package com.autonomos.handshake.farm.stream;

import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Farm's invoice stream as a plain Java API (no Spring needed): the HTTP stream is produced by exactly this
 * generator, so a test or a benchmark can compute the lines a Farm URL serves. A line is a pure function of the spec
 * and its index (unless {@link StreamSpec#wallClock()}). Not thread-safe: one instance per consumer.
 */
public final class FarmStream {

    private final StreamSpec spec;
    private final LineRenderer renderer;

    public FarmStream(StreamSpec spec) {
        this.spec = spec;
        this.renderer = new LineRenderer(spec);
    }

    public StreamSpec spec() {
        return spec;
    }

    /** Line {@code index} (from 0), whether or not it lies within the limit. */
    public GeneratedLine line(long index) {
        renderer.render(index);
        return renderer.toGeneratedLine(index);
    }

    /** The lines in order: {@code limit} of them, or endless. */
    public Stream<GeneratedLine> lines() {
        LongStream indexes = spec.endless() ? LongStream.iterate(0, i -> i + 1) : LongStream.range(0, spec.limit());
        return indexes.mapToObj(this::line);
    }

    /** Writes the whole (finite) stream, each line with its line ending: the bytes the HTTP endpoint serves. */
    public void writeTo(OutputStream out) throws IOException {
        if (spec.endless()) {
            throw new IllegalStateException("an endless stream cannot be written out; set a limit");
        }
        for (long index = 0; index < spec.limit(); index++) {
            renderer.render(index);
            renderer.writeLine(out);
        }
    }

    /** The whole (finite) stream as bytes. */
    public byte[] toBytes() {
        var out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The record of truth for an invoice id: equal to the invoice fields of every clean line with that id. */
    public static ObjectNode recordOfTruth(String invoiceId) {
        return InvoiceFactory.recordOfTruth(invoiceId);
    }

    /** The renderer behind this stream, for the HTTP writer's byte path. */
    LineRenderer renderer() {
        return renderer;
    }
}
