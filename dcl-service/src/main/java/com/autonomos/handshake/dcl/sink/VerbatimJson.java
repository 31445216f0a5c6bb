package com.autonomos.handshake.dcl.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A JSON text in ASCII bytes, handed to {@link tools.jackson.core.JsonGenerator#writeRawValue(SerializableString)}
 * so that the generator copies the bytes as they are (one array copy) instead of encoding a {@code String} char by
 * char. Only the unquoted forms are on that path; the quoted ones are derived from the text for completeness.
 */
record VerbatimJson(byte[] ascii) implements SerializableString {

    @Override
    public String getValue() {
        return new String(ascii, StandardCharsets.ISO_8859_1); // ASCII: one char per byte
    }

    @Override
    public int charLength() {
        return ascii.length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return ascii;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + ascii.length > buffer.length) {
            return -1;
        }
        System.arraycopy(ascii, 0, buffer, offset, ascii.length);
        return ascii.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset + ascii.length > buffer.length) {
            return -1;
        }
        for (int i = 0; i < ascii.length; i++) {
            buffer[offset + i] = (char) ascii[i];
        }
        return ascii.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(ascii);
        return ascii.length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (ascii.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(ascii);
        return ascii.length;
    }

    @Override
    public char[] asQuotedChars() {
        return quoted().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoted().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return quoted().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return quoted().appendQuoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoted().writeQuotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoted().putQuotedUTF8(buffer);
    }

    private SerializedString quoted() {
        return new SerializedString(getValue());
    }
}
