package com.autonomos.handshake.farm.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable byte buffer that the generator renders one line into; cheaper than a fresh array per line. */
final class LineBuffer extends OutputStream {

    private byte[] bytes = new byte[4096];
    private int size;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Keeps only the first {@code length} bytes. */
    void truncate(int length) {
        size = Math.min(size, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
