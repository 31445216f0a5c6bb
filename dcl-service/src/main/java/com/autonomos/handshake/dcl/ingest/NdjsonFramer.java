package com.autonomos.handshake.dcl.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Splits a byte stream into NDJSON lines with bounded memory: lines end at {@code \n} (a trailing {@code \r} is
 * stripped), and a line longer than the maximum is not buffered: its first bytes are kept, the rest is skipped up to the
 * next newline, and it is framed as oversized. One framer per stream connection; not thread-safe (Reactor delivers
 * buffers serially).
 */
final class NdjsonFramer {

    private static final int INITIAL = 1024;
    private static final int SHRINK_ABOVE = 64 * 1024;

    private final int maxLineBytes;
    private final int rawBound;
    private byte[] line = new byte[INITIAL];
    private int length;
    private boolean discarding;
    private long discardedLength;

    NdjsonFramer(int maxLineBytes, int rawBound) {
        this.maxLineBytes = maxLineBytes;
        this.rawBound = Math.min(rawBound, maxLineBytes);
    }

    /** The lines completed by this buffer. Always releases the buffer. */
    List<Frame> feed(DataBuffer buffer) {
        try {
            List<Frame> out = new ArrayList<>(expectedLines(buffer.readableByteCount()));
            try (DataBuffer.ByteBufferIterator it = buffer.readableByteBuffers()) {
                while (it.hasNext()) {
                    scan(it.next(), out);
                }
            }
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Test and internal entry: frames raw bytes. */
    List<Frame> feed(byte[] bytes) {
        List<Frame> out = new ArrayList<>(expectedLines(bytes.length));
        scan(ByteBuffer.wrap(bytes), out);
        return out;
    }

    /** Room for the lines of a read, so the list is not grown line by line (an invoice line is 500-700 bytes). */
    private static int expectedLines(int bytes) {
        return Math.max(10, bytes / 384);
    }

    /** Bytes the framer holds on to (its line buffer); never more than {@code max-line-bytes}. */
    int retainedBytes() {
        return line.length;
    }

    /** At a clean end of stream: the last line, when it had no terminating newline. */
    List<Frame> finish() {
        if (length == 0 && !discarding) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>(1);
        complete(out);
        return out;
    }

    /**
     * Frames the bytes of one read, straight out of its buffer (Netty's reads are direct memory): a line that lies
     * within the read is copied once, into its frame; only the line a read splits is gathered in {@link #line}.
     */
    private void scan(ByteBuffer source, List<Frame> out) {
        ByteBuffer bb = source.duplicate().order(ByteOrder.LITTLE_ENDIAN); // for indexOfNewline
        int end = bb.limit();
        int segment = bb.position();
        for (int nl = indexOfNewline(bb, segment, end); nl >= 0; nl = indexOfNewline(bb, segment, end)) {
            int n = nl - segment;
            if (length == 0 && !discarding && n <= maxLineBytes) {
                out.add(whole(bb, segment, n));
            } else {
                append(bb, segment, n);
                complete(out);
            }
            segment = nl + 1;
        }
        append(bb, segment, end - segment);
    }

    /**
     * The index of the first {@code \n} in {@code [from, end)}, or -1: eight bytes a step. A byte equal to the
     * newline is zero after the XOR, and {@code (x - 0x01..) & ~x & 0x80..} marks it; a mark can be wrong only above
     * a true one (a borrow), and little-endian order puts the lowest mark on the first byte in memory.
     */
    static int indexOfNewline(ByteBuffer littleEndian, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long x = littleEndian.getLong(i) ^ 0x0A0A0A0A0A0A0A0AL;
            long marks = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (littleEndian.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A line that lies within one read and within the bound, without a trailing {@code \r}. */
    private static Frame whole(ByteBuffer bb, int from, int n) {
        if (n > 0 && bb.get(from + n - 1) == '\r') {
            n--;
        }
        byte[] bytes = new byte[n];
        bb.get(from, bytes);
        return new Frame(bytes, n, false);
    }

    private void append(ByteBuffer bb, int from, int n) {
        if (n == 0) {
            return;
        }
        if (discarding) {
            discardedLength += n;
            return;
        }
        if ((long) length + n > maxLineBytes) {
            // over the bound: keep only the first rawBound bytes and skip to the next newline
            int keep = Math.max(0, Math.min(n, rawBound - length));
            ensure(length + keep);
            bb.get(from, line, length, keep);
            discardedLength = (long) length + n;
            length = Math.min(length + keep, rawBound);
            discarding = true;
            return;
        }
        ensure(length + n);
        bb.get(from, line, length, n);
        length += n;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(capacity, line.length * 2), Math.max(capacity, maxLineBytes)));
        }
    }

    private void complete(List<Frame> out) {
        if (discarding) {
            out.add(new Frame(Arrays.copyOf(line, Math.min(length, rawBound)), discardedLength, true));
        } else {
            int n = length;
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            out.add(new Frame(Arrays.copyOf(line, n), n, false));
        }
        length = 0;
        discarding = false;
        discardedLength = 0;
        if (line.length > SHRINK_ABOVE) {
            line = new byte[INITIAL]; // one big line must not pin a big buffer for the life of the stream
        }
    }
}
