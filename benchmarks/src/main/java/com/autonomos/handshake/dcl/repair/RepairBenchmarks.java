package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.bench.Corpus;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import com.autonomos.handshake.farm.stream.FarmStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CPU part of one repair: {@link FarmRecordRepairer#patch} (copy the drifted record, replace exactly the drifted
 * paths from the record of truth, check the result against the contract) on the drifted records of the drift-heavy
 * stream bench/run uses ({@code seed=3&chaos=true&chaos_rate=0.6&spike_seconds=0}). The record of truth goes through
 * JSON text, as DCL receives it. Score: repairs per second on one thread (the Farm round trips are not included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RepairBenchmarks {

    private record Case(ObjectNode record, List<DriftItem> drift, JsonNode truth, String invoiceId) {
    }

    private Case[] cases;
    private int next;

    @Setup
    public void setUp() {
        JsonMapper mapper = JsonMapper.builder().build();
        List<Case> found = new ArrayList<>();
        for (byte[] line : Corpus.lines("seed=3&limit=20000&chaos=true&chaos_rate=0.6&spike_seconds=0")) {
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JacksonException e) {
                continue;
            }
            JsonNode id = node.get("invoice_id");
            if (!(node instanceof ObjectNode record) || id == null || !id.isString()
                    || !InvoiceContract.isInvoiceId(id.asString())) {
                continue;
            }
            List<DriftItem> drift = InvoiceContract.check(record);
            if (drift.isEmpty()) {
                continue;
            }
            JsonNode truth = mapper.readTree(FarmStream.recordOfTruth(id.asString()).toString());
            try {
                FarmRecordRepairer.patch(record, drift, truth, id.asString());
            } catch (RuntimeException unrepairable) {
                continue;
            }
            found.add(new Case(record, drift, truth, id.asString()));
        }
        cases = found.toArray(Case[]::new);
    }

    @Benchmark
    public Object repairCopy() {
        Case c = cases[next];
        next = next + 1 == cases.length ? 0 : next + 1;
        return FarmRecordRepairer.patch(c.record(), c.drift(), c.truth(), c.invoiceId());
    }
}
