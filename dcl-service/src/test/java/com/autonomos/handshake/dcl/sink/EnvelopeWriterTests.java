package com.autonomos.handshake.dcl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.autonomos.handshake.contracts.ingest.Mismatch;
import com.autonomos.handshake.contracts.ingest.Reconciliation;
import com.autonomos.handshake.testing.CanonicalInvoice;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EnvelopeWriterTests {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final Instant AT = Instant.parse("2026-12-02T05:06:07.891Z");
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final EnvelopeWriter envelopes = new EnvelopeWriter(JSON);

    @Test
    void everyEnvelopeIsExactlyWhatSerializingTheRecordGivesWhicheverMetaCameBefore() {
        byte[] line = CanonicalInvoice.line("INV-000042").getBytes(StandardCharsets.US_ASCII);
        ObjectNode tree = (ObjectNode) JSON.readTree(line);
        List<DeliveredRecord> records = new ArrayList<>();
        for (EnvelopeMeta meta : metas()) {
            for (String trace : List.of(TRACE, "4bf92f3577b34da6a3ce929d0e0e4736", TRACE)) { // a batch sharing its meta
                records.add(new DeliveredRecord(meta.withTraceId(meta.traceId() == null ? null : trace),
                        Payload.parsedWhenNeeded(line, JSON.reader())));
                records.add(new DeliveredRecord(meta.withTraceId(meta.traceId() == null ? null : trace), tree));
            }
        }
        records.add(records.get(0)); // back to the first meta after all the others

        EnvelopeWriter streaming = new EnvelopeWriter(JSON);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.writer().withRootValueSeparator((String) null).createGenerator(streamed)) {
            for (DeliveredRecord r : records) {
                streaming.write(out, r);
                out.writeRaw('\n');
            }
        }

        List<String> expected = records.stream().map(JSON::writeValueAsString).toList();
        assertThat(records.stream().map(this::toJson).toList()).containsExactlyElementsOf(expected);
        assertThat(streamed.toString(StandardCharsets.UTF_8).split("\n")).containsExactlyElementsOf(expected);
        // seven metas with a trace id, six records each: the first serialized as usual, the other five from a template
        // made when the meta repeated; the meta without a trace id and the last record (a meta seen before) never are
        assertThat(streaming.metasReused()).isEqualTo(7L * 5);
        assertThat(envelopes.metasReused()).isEqualTo(7L * 5);
        // of those, the ones that carry their line (the third and fifth of each six) were assembled without a generator
        assertThat(envelopes.envelopesAssembled()).isEqualTo(7L * 2);
        assertThat(streaming.envelopesAssembled()).isZero();
    }

    @Test
    void aTraceIdThatIsNotLowercaseHexOrAMetaThatIsNotAsciiIsSerializedAsUsual() {
        EnvelopeMeta clean = new EnvelopeMeta("c1", 1, "mulesoft_stream", AT, TRACE, false, List.of(), List.of(), null,
                null, null, null);
        List<EnvelopeMeta> odd = List.of(clean.withTraceId("0AF7651916CD43DD8448EB211C80319C"),
                clean.withTraceId("trace \"quoted\""), clean.withTraceId(""),
                new EnvelopeMeta("c1", 1, "flux-de-données", AT, TRACE, false, List.of(), List.of(), null, null, null,
                        null));
        for (EnvelopeMeta meta : odd) {
            DeliveredRecord r = new DeliveredRecord(meta, JSON.createObjectNode().put("invoice_id", "INV-1"));
            toJson(new DeliveredRecord(clean, r.payload())); // a usable template of a similar meta first
            assertThat(toJson(r)).isEqualTo(JSON.writeValueAsString(r));
        }
        // only the similar clean metas, once the first odd one (the same but for its trace id) made a template
        assertThat(envelopes.metasReused()).isEqualTo(odd.size() - 1);
    }

    @Test
    void metasThatDifferInAnyFieldButTheTraceIdNeverShareATemplate() throws Exception {
        RecordComponent[] fields = EnvelopeMeta.class.getRecordComponents();
        Constructor<EnvelopeMeta> canonical = EnvelopeMeta.class.getDeclaredConstructor(
                Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new));
        EnvelopeMeta meta = new EnvelopeMeta("c1", 1, "mulesoft_stream", AT, TRACE, false, List.of(), List.of(), true,
                90.0, List.of(), "late", List.of(), "worker-1", 3L);
        int compared = 0;
        for (int i = 0; i < fields.length; i++) {
            Object[] values = new Object[fields.length];
            for (int j = 0; j < fields.length; j++) {
                values[j] = fields[j].getAccessor().invoke(meta);
            }
            values[i] = another(values[i]);
            EnvelopeMeta other = canonical.newInstance(values);
            boolean traceId = fields[i].getName().equals("traceId");
            assertThat(EnvelopeWriter.sameButTraceId(meta, other)).as(fields[i].getName()).isEqualTo(traceId);
            assertThat(EnvelopeWriter.sameButTraceId(other, meta)).as(fields[i].getName()).isEqualTo(traceId);
            compared++;
        }
        assertThat(compared).isEqualTo(15); // a new field must be compared too: this test then fails until it is
    }

    /** A different value of the same type. */
    private static Object another(Object value) {
        if (value instanceof String s) {
            return s + "x";
        } else if (value instanceof Long l) {
            return l + 1;
        } else if (value instanceof Boolean b) {
            return !b;
        } else if (value instanceof Double d) {
            return d + 1;
        } else if (value instanceof Instant t) {
            return t.plusMillis(1);
        } else if (value instanceof List<?> l) {
            return Collections.nCopies(l.size() + 1, null);
        }
        throw new IllegalArgumentException("no other value for " + value.getClass());
    }

    private String toJson(DeliveredRecord r) {
        return new String(envelopes.toJson(r), StandardCharsets.UTF_8);
    }

    private static List<EnvelopeMeta> metas() {
        List<DriftItem> drift = List.of(new DriftItem("vendor", DriftKind.MISSING, null),
                new DriftItem("total_amount", DriftKind.WRONG_TYPE, "string"));
        return List.of(
                new EnvelopeMeta("c1", 3, "mulesoft_stream", AT, TRACE, false, List.of(), List.of(), null, null, null,
                        null),
                new EnvelopeMeta("c1", 3, "mulesoft_stream", AT.plusMillis(10), TRACE, false, List.of(), List.of(),
                        null, null, null, null),
                new EnvelopeMeta("c1", 3, "mulesoft_stream", AT, TRACE, true, List.of("vendor", "total_amount"), drift,
                        true, 98.5, List.of(), null),
                new EnvelopeMeta("c1", 3, "mulesoft_stream", AT, TRACE, true, List.of("vendor"), drift, false, null,
                        List.of(new Mismatch("total_amount", 10.5, "10.50")), "verification failed: 503"),
                new EnvelopeMeta("c2", 4, "mulesoft_stream", AT, TRACE, true, List.of("vendor"), drift, true, 100.0,
                        List.of(), null, List.of(new Reconciliation("po_number", "PO-1", "PO-2")), "worker-a", 7L),
                new EnvelopeMeta("c2", 4, "mulesoft_stream", AT, TRACE, false, List.of(), List.of(), null, null, null,
                        null, null, "worker-a", 7L),
                new EnvelopeMeta("c2", 4, "mulesoft_stream", AT, TRACE, false, List.of(), List.of(), null, null, null,
                        null, null, "worker-b", 8L),
                new EnvelopeMeta("c3", 1, "mulesoft_stream", AT, null, false, List.of(), List.of(), null, null, null,
                        null));
    }
}
