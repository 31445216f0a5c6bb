package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.dcl.system.ConditionalOnEmbeddedMode;
import com.autonomos.handshake.dcl.system.DclProperties;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded sink: {@code <data-dir>/<connector>/records.ndjson} and {@code dead-letters.ndjson}, appended through a
 * write buffer and flushed every {@code dcl.sink.flush-interval} and on shutdown. Stops after the sidecars (lower
 * lifecycle phase), so what they drain at shutdown still reaches the files.
 *
 * <p>Each file has one long-lived JSON generator that envelopes are streamed through (no per-record byte array or
 * generator); a payload whose JSON text the pipeline kept ({@link DeliveredRecord#payloadJson()}) is copied in as is
 * rather than serialized from its tree again.
 */
@Component
@ConditionalOnEmbeddedMode
class NdjsonFileSink implements RecordSink, SmartLifecycle {

    static final String RECORDS_FILE = "records.ndjson";
    static final String DEAD_LETTERS_FILE = "dead-letters.ndjson";
    /** Before the sidecar supervisor on start, after it on stop. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private static final Logger log = LoggerFactory.getLogger(NdjsonFileSink.class);

    private final Path dataDir;
    private final ObjectWriter lineWriter;
    private final SinkProperties properties;
    private final RecentRecords recent;
    private final Map<String, ConnectorFiles> files = new ConcurrentHashMap<>();
    private volatile Disposable flusher;

    NdjsonFileSink(DclProperties dcl, JsonMapper mapper, SinkProperties properties, RecentRecords recent) {
        this.dataDir = dcl.dataDir();
        this.lineWriter = mapper.writer()
                .withRootValueSeparator((String) null)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.properties = properties;
        this.recent = recent;
    }

    @Override
    public void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters) {
        ConnectorFiles f = files.computeIfAbsent(connectorId, this::open);
        synchronized (f) {
            try {
                for (DeliveredRecord r : records) {
                    writeEnvelope(f.records, r);
                }
                for (DeadLetter d : deadLetters) {
                    f.deadLetters.writePOJO(d);
                    f.deadLetters.writeRaw('\n');
                }
            } catch (JacksonIOException e) {
                throw new UncheckedIOException("Cannot append to the sink of connector " + connectorId, e.getCause());
            }
        }
        recent.add(connectorId, records, deadLetters);
    }

    /** The same JSON as serializing the {@link DeliveredRecord}: {@code {"meta":{...},"payload":{...}}}. */
    private static void writeEnvelope(JsonGenerator out, DeliveredRecord r) {
        byte[] json = r.payloadJson();
        if (json == null) {
            out.writePOJO(r);
        } else {
            out.writeStartObject();
            out.writeName("meta");
            out.writePOJO(r.meta());
            out.writeName("payload");
            out.writeRawValue(new VerbatimJson(json));
            out.writeEndObject();
        }
        out.writeRaw('\n');
    }

    @Override
    public void flush() {
        files.forEach((id, f) -> {
            synchronized (f) {
                try {
                    f.records.flush();
                    f.deadLetters.flush();
                } catch (JacksonIOException e) {
                    log.error("Sink flush failed connector={} error={}", id, e.getCause().toString());
                }
            }
        });
    }

    @Override
    public StoredCounts stored(String connectorId) {
        flush();
        return new StoredCounts(lineCount(connectorId, RECORDS_FILE), lineCount(connectorId, DEAD_LETTERS_FILE));
    }

    private long lineCount(String connectorId, String file) {
        Path path = dataDir.resolve(connectorId).resolve(file);
        if (!Files.exists(path)) {
            return 0;
        }
        try (var lines = Files.lines(path, java.nio.charset.StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recount the sink of connector " + connectorId, e);
        }
    }

    private ConnectorFiles open(String connectorId) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve(connectorId));
            int buffer = (int) properties.writeBuffer().toBytes();
            return new ConnectorFiles(generator(dir.resolve(RECORDS_FILE), buffer),
                    generator(dir.resolve(DEAD_LETTERS_FILE), buffer));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the sink of connector " + connectorId, e);
        }
    }

    /** A generator appending one JSON value a line: no separator between root values (each line ends in a newline). */
    private JsonGenerator generator(Path file, int buffer) throws IOException {
        return lineWriter.createGenerator(append(file, buffer));
    }

    private static OutputStream append(Path file, int buffer) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), buffer);
    }

    @Override
    public void start() {
        flusher = Flux.interval(properties.flushInterval(), properties.flushInterval())
                .onBackpressureDrop()
                .subscribe(i -> flush());
    }

    @Override
    public void stop() {
        Disposable f = flusher;
        flusher = null;
        if (f != null) {
            f.dispose();
        }
        flush();
        files.forEach((id, pair) -> {
            synchronized (pair) {
                try {
                    pair.records.close();
                    pair.deadLetters.close();
                } catch (JacksonIOException e) {
                    log.error("Sink close failed connector={} error={}", id, e.getCause().toString());
                }
            }
        });
        files.clear();
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The two append streams of one connector. */
    private record ConnectorFiles(JsonGenerator records, JsonGenerator deadLetters) {
    }
}
