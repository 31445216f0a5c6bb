package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.dcl.system.DclProperties;
import com.autonomos.handshake.dcl.system.LifecyclePhase;
import com.autonomos.handshake.dcl.system.Ticker;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
 * <p>Each file has one long-lived JSON generator that envelopes are streamed through (no per-record generator); a
 * payload whose JSON text the pipeline kept ({@link Payload#json()}) is copied in as is rather than
 * serialized from a tree (the payload's own serializer does this, for the cluster sink too), so a clean line never
 * needs one; a batch's shared meta is serialized once ({@link EnvelopeWriter}).
 */
public class NdjsonFileSink implements RecordSink, SmartLifecycle {

    static final String RECORDS_FILE = "records.ndjson";
    static final String DEAD_LETTERS_FILE = "dead-letters.ndjson";
    private static final Logger log = LoggerFactory.getLogger(NdjsonFileSink.class);

    private final Path dataDir;
    private final ObjectWriter lineWriter;
    private final EnvelopeWriter envelopes;
    private final SinkProperties properties;
    private final RecentRecords recent;
    private final Map<String, ConnectorFiles> files = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private volatile Ticker.Tick flusher;

    NdjsonFileSink(DclProperties dcl, JsonMapper mapper, SinkProperties properties, RecentRecords recent,
                   Ticker ticker) {
        this.ticker = ticker;
        this.dataDir = dcl.dataDir();
        this.lineWriter = mapper.writer()
                .withRootValueSeparator((String) null)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.envelopes = new EnvelopeWriter(mapper);
        this.properties = properties;
        this.recent = recent;
    }

    @Override
    public void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters) {
        ConnectorFiles f = files.computeIfAbsent(connectorId, this::open);
        synchronized (f) {
            try {
                for (DeliveredRecord r : records) {
                    envelopes.write(f.records, r);
                    f.records.writeRaw('\n');
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

    /**
     * Flushes the connector's files and counts their newline-terminated lines, minus those that were there when this
     * process opened them (the counters live for the process; the files outlive it).
     */
    @Override
    public StoredCounts stored(String connectorId) {
        ConnectorFiles f = files.computeIfAbsent(connectorId, this::open);
        synchronized (f) {
            try {
                f.records.flush();
                f.deadLetters.flush();
            } catch (JacksonIOException e) {
                throw new UncheckedIOException("Cannot flush the sink of connector " + connectorId, e.getCause());
            }
        }
        try {
            return new StoredCounts(lines(f.recordsFile) - f.recordsBefore, lines(f.deadLettersFile) - f.deadLettersBefore);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recount the sink of connector " + connectorId, e);
        }
    }

    /** Newline-terminated lines of a file (a torn last line is not counted); 0 when there is no file. */
    static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new FileInputStream(file.toFile())) { // not a channel: see append()
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int k = 0; k < n; k++) {
                    if (buffer[k] == '\n') {
                        count++;
                    }
                }
            }
        }
        return count;
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
    public void release(String connectorId) {
        ConnectorFiles f = files.remove(connectorId);
        if (f != null) {
            synchronized (f) {
                try {
                    f.records.close();
                    f.deadLetters.close();
                } catch (JacksonIOException e) {
                    log.error("Sink close failed connector={} error={}", connectorId, e.getCause().toString());
                }
            }
        }
        recent.release(connectorId);
    }

    private ConnectorFiles open(String connectorId) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve(connectorId));
            int buffer = (int) properties.writeBuffer().toBytes();
            Path records = dir.resolve(RECORDS_FILE);
            Path deadLetters = dir.resolve(DEAD_LETTERS_FILE);
            return new ConnectorFiles(generator(records, buffer), generator(deadLetters, buffer), records,
                    deadLetters, lines(records), lines(deadLetters));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the sink of connector " + connectorId + ": " + e, e);
        }
    }

    /** A generator appending one JSON value a line: no separator between root values (each line ends in a newline). */
    private JsonGenerator generator(Path file, int buffer) throws IOException {
        return lineWriter.createGenerator(append(file, buffer));
    }

    /**
     * A plain {@link FileOutputStream}, not {@code Files.newOutputStream}: that one is a channel, and an interrupt of
     * the writing thread (Reactor cancels a running timer task with one) would close it for good, so every later
     * batch of the connector would fail.
     */
    private static OutputStream append(Path file, int buffer) throws IOException {
        return new BufferedOutputStream(new FileOutputStream(file.toFile(), true), buffer);
    }

    @Override
    public void start() {
        flusher = ticker.every("sink-flush", properties.flushInterval(), this::flush);
    }

    @Override
    public void stop() {
        Ticker.Tick f = flusher;
        flusher = null;
        if (f != null) {
            f.cancel();
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
        return LifecyclePhase.SINKS.phase();
    }

    /** The two append streams of one connector, and how many lines each file had when this process opened it. */
    private record ConnectorFiles(JsonGenerator records, JsonGenerator deadLetters, Path recordsFile,
                                  Path deadLettersFile, long recordsBefore, long deadLettersBefore) {
    }
}
