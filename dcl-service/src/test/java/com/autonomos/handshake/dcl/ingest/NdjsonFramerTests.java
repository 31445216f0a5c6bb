package com.autonomos.handshake.dcl.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

class NdjsonFramerTests {

    private final NdjsonFramer framer = new NdjsonFramer(1024, 16);

    private static List<String> text(List<Frame> frames) {
        return frames.stream().map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesAndStripsCarriageReturns() {
        assertThat(text(framer.feed(utf8("{\"a\":1}\r\n{\"b\":2}\n")))).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void joinsALineSplitAcrossBuffers() {
        List<Frame> frames = new ArrayList<>();
        frames.addAll(framer.feed(utf8("{\"a\"")));
        frames.addAll(framer.feed(utf8(":1}\r")));
        frames.addAll(framer.feed(utf8("\n{\"b\":")));
        frames.addAll(framer.feed(utf8("2}\n")));
        assertThat(text(frames)).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void framesBlankLinesAsEmptyFrames() {
        List<Frame> frames = framer.feed(utf8("\n\r\n{}\n"));
        assertThat(text(frames)).containsExactly("", "", "{}");
        assertThat(frames).noneMatch(Frame::oversized);
    }

    @Test
    void emitsTheLastLineWithoutNewlineOnlyAtFinish() {
        assertThat(framer.feed(utf8("{\"a\":1}\n{\"b\""))).hasSize(1);
        assertThat(text(framer.finish())).containsExactly("{\"b\"");
        assertThat(framer.finish()).isEmpty();
    }

    @Test
    void skipsAnOverLongLineKeepingItsFirstBytesAndResynchronisesAtTheNextNewline() {
        String longLine = "x".repeat(3000);
        List<Frame> frames = new ArrayList<>();
        frames.addAll(framer.feed(utf8("{\"ok\":1}\n" + longLine.substring(0, 1500))));
        frames.addAll(framer.feed(utf8(longLine.substring(1500) + "\n{\"ok\":2}\n")));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1).oversized()).isTrue();
        assertThat(frames.get(1).length()).isEqualTo(3000);
        assertThat(new String(frames.get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(16));
        assertThat(text(List.of(frames.get(0), frames.get(2)))).containsExactly("{\"ok\":1}", "{\"ok\":2}");
    }

    @Test
    void aLineOfExactlyTheMaximumIsNotOversized() {
        List<Frame> frames = framer.feed(utf8("y".repeat(1024) + "\n"));
        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.oversized()).isFalse();
            assertThat(f.length()).isEqualTo(1024);
        });
    }

    @Test
    void aHundredMegabyteLineCostsBoundedMemoryAndReleasesEveryBuffer() {
        NdjsonFramer big = new NdjsonFramer(1024 * 1024, 4096);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        NettyDataBufferFactory factory = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        long total = 100L * 1024 * 1024;
        List<Frame> frames = new ArrayList<>();
        int maxRetained = 0;
        for (long sent = 0; sent < total; sent += chunk.length) {
            NettyDataBuffer buffer = factory.allocateBuffer(chunk.length);
            buffer.write(chunk);
            frames.addAll(big.feed(buffer));
            assertThat(buffer.getNativeBuffer().refCnt()).isZero();
            maxRetained = Math.max(maxRetained, big.retainedBytes());
        }
        frames.addAll(big.feed(factory.wrap(utf8("\n{\"after\":true}\n"))));

        assertThat(maxRetained).isLessThanOrEqualTo(1024 * 1024);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).oversized()).isTrue();
        assertThat(frames.get(0).length()).isEqualTo(total);
        assertThat(frames.get(0).bytes()).hasSize(4096);
        assertThat(text(List.of(frames.get(1)))).containsExactly("{\"after\":true}");
    }

    @Test
    void findsTheFirstNewlineWhateverTheBytesAroundIt() {
        Random random = new Random(7);
        byte[] tricky = {'\n', 0x0B, 0x09, 0x01, 0x00, (byte) 0x8A, (byte) 0xFF, 0x0A, 0x0B, (byte) 0x80, 'a'};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = tricky[random.nextInt(tricky.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int expected = -1;
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
            direct.put(bytes).flip();
            assertThat(NdjsonFramer.indexOfNewline(direct, from, bytes.length)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void framesTheSameLinesHoweverTheReadsSplitTheStream() {
        Random random = new Random(11);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int size = random.nextInt(10) == 0 ? 1024 + random.nextInt(200) : random.nextInt(300);
            String body = "{\"n\":" + i + ",\"p\":\"" + "q\u00e9\u000b".repeat(size / 4) + "\"}";
            boolean crlf = random.nextBoolean();
            stream.writeBytes(utf8(body + (crlf ? "\r\n" : "\n")));
            byte[] line = utf8(body);
            expected.add(line.length + (crlf ? 1 : 0) > 1024
                    ? "oversized " + (line.length + (crlf ? 1 : 0)) + " " + new String(line, 0, 16, StandardCharsets.UTF_8)
                    : new String(line, StandardCharsets.UTF_8));
        }
        byte[] all = stream.toByteArray();
        NettyDataBufferFactory factory = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        List<Frame> frames = new ArrayList<>();
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + random.nextInt(5_000));
            NettyDataBuffer read = factory.allocateBuffer(n); // direct memory, as Netty reads a socket
            read.write(all, at, n);
            frames.addAll(framer.feed(read));
            at += n;
        }
        assertThat(frames.stream().map(f -> f.oversized()
                ? "oversized " + f.length() + " " + new String(f.bytes(), StandardCharsets.UTF_8)
                : new String(f.bytes(), StandardCharsets.UTF_8)).toList()).isEqualTo(expected);
    }
}
