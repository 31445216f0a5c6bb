package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.bench.Corpus;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest hot path on the exact bytes the simulator serves for {@code speed=fast&seed=1&chaos=false} and
 * {@code chaos=true&spike_seconds=0} (the first {@value #LINES} lines, cycled). Every score is records per second on
 * one thread.
 *
 * <ul>
 *   <li>{@code rawParse}: the ceiling, plain Jackson bytes → {@code JsonNode} per line (a malformed chaos line costs
 *       its exception).</li>
 *   <li>{@code frameAndClassify}: DCL's {@link NdjsonFramer} over 64-line buffers, then {@link LineClassifier}
 *       (bounded parse, control lines, {@code InvoiceContract.check}) per line.</li>
 *   <li>{@code contractCheck}: {@code InvoiceContract.check} alone on {@value #CHECKED_OBJECTS} parsed objects.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IngestBenchmarks {

    static final int LINES = 20_000;
    static final int CHUNK_LINES = 64;
    /** Few enough parsed trees to stay in cache, as a tree just parsed is in the pipeline. */
    static final int CHECKED_OBJECTS = 512;

    @Param({"false", "true"})
    public boolean chaos;

    private byte[][] lines;
    private byte[][] chunks;
    private JsonNode[] objects;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private LineClassifier classifier;
    private NdjsonFramer framer;
    private int nextLine;
    private int nextChunk;
    private int nextObject;

    @Setup
    public void setUp() {
        String query = "seed=1&limit=" + LINES + (chaos ? "&chaos=true&spike_seconds=0" : "&chaos=false");
        lines = Corpus.lines(query);
        chunks = Corpus.chunks(lines, CHUNK_LINES);
        List<JsonNode> parsed = new ArrayList<>();
        for (byte[] line : lines) {
            JsonNode node = parse(line);
            if (node != null && node.isObject() && parsed.size() < CHECKED_OBJECTS) {
                parsed.add(node);
            }
        }
        objects = parsed.toArray(JsonNode[]::new);
        IngestProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("dcl.ingest", IngestProperties.class);
        classifier = new LineClassifier(defaults);
        framer = new NdjsonFramer((int) defaults.maxLineBytes().toBytes(), (int) defaults.rawBound().toBytes());
    }

    private JsonNode parse(byte[] line) {
        try {
            return mapper.readTree(line);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Benchmark
    public JsonNode rawParse() {
        byte[] line = lines[nextLine];
        nextLine = nextLine + 1 == lines.length ? 0 : nextLine + 1;
        return parse(line);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK_LINES)
    public void frameAndClassify(Blackhole out) {
        byte[] chunk = chunks[nextChunk];
        nextChunk = nextChunk + 1 == chunks.length ? 0 : nextChunk + 1;
        for (Frame frame : framer.feed(chunk)) {
            out.consume(classifier.classify(frame));
        }
    }

    @Benchmark
    public List<DriftItem> contractCheck() {
        JsonNode record = objects[nextObject];
        nextObject = nextObject + 1 == objects.length ? 0 : nextObject + 1;
        return InvoiceContract.check(record);
    }
}
