package com.autonomos.handshake.farm.stream;

import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Writes a {@link FarmStream} to the HTTP response: paced and flushed line by line at normal and slow speed, in large
 * buffered batches at fast speed. A latency spike's control line is flushed before its stall. The loop ends at the
 * limit, at application shutdown, or at the first write after the client went away.
 */
final class PacedStream implements StreamingResponseBody {

    private static final Logger log = LoggerFactory.getLogger(PacedStream.class);

    private final FarmStream stream;
    private final Speed speed;
    private final StreamProperties properties;
    private final ActiveStreams activeStreams;
    private final Flushable flusher;

    /**
     * @param flusher flushes the servlet response: since Spring Framework 7 the stream handed to
     *                {@link #writeTo} ignores {@code flush()}, so a line that must reach the client now goes through
     *                {@code HttpServletResponse#flushBuffer}
     */
    PacedStream(FarmStream stream, Speed speed, StreamProperties properties, ActiveStreams activeStreams,
            Flushable flusher) {
        this.stream = stream;
        this.speed = speed;
        this.properties = properties;
        this.activeStreams = activeStreams;
        this.flusher = flusher;
    }

    @Override
    public void writeTo(OutputStream response) throws IOException {
        StreamSpec spec = stream.spec();
        LineRenderer renderer = stream.renderer();
        long intervalNanos = properties.interval(speed).toNanos();
        long spikeNanos = spec.spikeSeconds() * 1_000_000_000L;
        long[] linesByKind = new long[LineKind.values().length];
        OutputStream out = speed == Speed.FAST ? new BufferedOutputStream(response, properties.fastBufferBytes())
                : response;
        long index = 0;
        String outcome = "limit_reached";
        activeStreams.opened();
        log.info("stream started seed={} speed={} chaos={} chaos_rate={} limit={}", spec.seed(),
                speed.name().toLowerCase(), spec.chaos(), spec.chaosRate(), spec.endless() ? "none" : spec.limit());
        try {
            long due = System.nanoTime();
            while (spec.endless() || index < spec.limit()) {
                renderer.render(index);
                renderer.writeLine(out);
                LineKind kind = renderer.kind();
                linesByKind[kind.ordinal()]++;
                if (index++ == 0) { // the first line leaves at once, at every speed: a consumer sees the stream begin
                    out.flush();
                    flusher.flush();
                    activeStreams.firstByte(spec.seed(), Instant.now());
                }
                long pause = intervalNanos;
                if (kind == LineKind.CONTROL) {
                    pause = spikeNanos;
                }
                if (pause > 0) {
                    out.flush();
                    flusher.flush();
                    due = kind == LineKind.CONTROL ? System.nanoTime() + pause : due + pause;
                    if (!activeStreams.pause(due - System.nanoTime())) {
                        outcome = "shutdown";
                        break;
                    }
                } else if (activeStreams.stopping()) {
                    outcome = "shutdown";
                    break;
                }
            }
            out.flush();
            flusher.flush();
        } catch (IOException e) {
            outcome = "client_disconnected"; // a consumer closing an endless stream is the normal way it ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        } finally {
            activeStreams.closed(linesByKind);
            log.info("stream ended seed={} lines={} outcome={}", spec.seed(), index, outcome);
        }
    }
}
