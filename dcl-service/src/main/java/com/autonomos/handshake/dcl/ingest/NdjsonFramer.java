package com.autonomos.handshake.dcl.ingest;

import java.nio.ByteBuffer;
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

    private void scan(ByteBuffer bb, List<Frame> out) {
        if (bb.hasArray()) {
            byte[] a = bb.array();
            int start = bb.arrayOffset() + bb.position();
            int end = bb.arrayOffset() + bb.limit();
            scanArray(a, start, end, out);
        } else {
            byte[] chunk = new byte[Math.min(bb.remaining(), 8192)];
            while (bb.hasRemaining()) {
                int n = Math.min(chunk.length, bb.remaining());
                bb.get(chunk, 0, n);
                scanArray(chunk, 0, n, out);
            }
        }
    }

    private void scanArray(byte[] a, int from, int end, List<Frame> out) {
        int segment = from;
        for (int i = from; i < end; i++) {
            if (a[i] == '\n') {
                append(a, segment, i - segment);
                complete(out);
                segment = i + 1;
            }
        }
        append(a, segment, end - segment);
    }

    private void append(byte[] a, int from, int n) {
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
            System.arraycopy(a, from, line, length, keep);
            discardedLength = (long) length + n;
            length = Math.min(length + keep, rawBound);
            discarding = true;
            return;
        }
        ensure(length + n);
        System.arraycopy(a, from, line, length, n);
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
