package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes delivered envelopes, {@code {"meta":{...},"payload":{...}}}, exactly as serializing the {@link DeliveredRecord}
 * would, for both sinks. The records of one batch share their meta but for the trace id (a batch's clean records), so
 * the meta is serialized by Jackson once and reused with each record's trace id put in: serializing it per record was
 * about 5% of ingest's CPU. Any meta the template does not fit is serialized as usual. Thread-safe.
 *
 * <p>A stream entry of its own ({@link #toJson}) whose meta comes from the template and whose payload is the line as
 * read is assembled from those bytes into one array, without a generator: a generator, its recycled buffers and the
 * growing output stream per entry were a sixth of cluster-mode DCL's CPU.
 */
public final class EnvelopeWriter {

    private final JsonMapper mapper;
    /** The meta of the batch's records, as a template; replaced when another meta repeats. */
    private volatile MetaTemplate template;
    /** The last meta that did not fit the template. */
    private volatile EnvelopeMeta last;
    /** Metas written from the template: shows the tests that the shortcut is taken, not only that it is right. */
    private final LongAdder reused = new LongAdder();
    /** Stream entries assembled from bytes, for the same reason. */
    private final LongAdder assembled = new LongAdder();

    public EnvelopeWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Streams one envelope through the generator. */
    public void write(JsonGenerator out, DeliveredRecord r) {
        write(out, r, templateFor(r.meta()));
    }

    private static void write(JsonGenerator out, DeliveredRecord r, MetaTemplate template) {
        out.writeStartObject();
        out.writeName("meta");
        if (template != null) {
            template.write(out, r.meta().traceId());
        } else {
            out.writePOJO(r.meta());
        }
        out.writeName("payload");
        out.writePOJO(r.payload());
        out.writeEndObject();
    }

    /** One envelope as UTF-8 JSON (the cluster sink's stream entry). */
    public byte[] toJson(DeliveredRecord r) {
        MetaTemplate template = templateFor(r.meta());
        byte[] line = r.payload().json();
        if (template != null && line != null) {
            assembled.increment();
            return template.envelope(r.meta().traceId(), line);
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(line == null ? 1024 : line.length + 512);
        try (JsonGenerator out = mapper.createGenerator(json)) {
            write(out, r, template);
        }
        return json.toByteArray();
    }

    long metasReused() {
        return reused.sum();
    }

    long envelopesAssembled() {
        return assembled.sum();
    }

    /**
     * The template to write this meta from, or null to serialize it as usual. A template is made only for a meta that
     * repeats (the second record in a row with it): a repaired record's meta is its own, and making a template for it
     * would cost more than serializing it, and evict the batch's template.
     */
    private MetaTemplate templateFor(EnvelopeMeta meta) {
        MetaTemplate t = template;
        if (t == null || !t.fits(meta)) {
            EnvelopeMeta previous = last;
            last = meta;
            if (previous == null || !sameButTraceId(previous, meta)) {
                return null;
            }
            t = MetaTemplate.of(mapper, meta);
            template = t;
        }
        if (t.usable() && MetaTemplate.isTraceId(meta.traceId())) {
            reused.increment();
            return t;
        }
        return null;
    }

    /**
     * Field by field, without a copy: the record's own {@code equals} on a copy with the other trace id took about 4% of
     * ingest's CPU. The fields most likely to differ come first; equal instances (a batch's shared values) are cheap.
     */
    static boolean sameButTraceId(EnvelopeMeta a, EnvelopeMeta b) {
        return a.isRepaired() == b.isRepaired()
                && a.configVersion() == b.configVersion()
                && Objects.equals(a.ingestTs(), b.ingestTs())
                && Objects.equals(a.drift(), b.drift())
                && Objects.equals(a.connectorId(), b.connectorId())
                && Objects.equals(a.source(), b.source())
                && Objects.equals(a.repairedFields(), b.repairedFields())
                && Objects.equals(a.verified(), b.verified())
                && Objects.equals(a.qualityScore(), b.qualityScore())
                && Objects.equals(a.mismatches(), b.mismatches())
                && Objects.equals(a.verifyError(), b.verifyError())
                && Objects.equals(a.reconciled(), b.reconciled())
                && Objects.equals(a.workerId(), b.workerId())
                && Objects.equals(a.leaseEpoch(), b.leaseEpoch());
    }

    /**
     * A meta serialized with a placeholder trace id, split around it. Usable only when the placeholder occurs exactly
     * once and the text is ASCII (the raw-write path copies bytes as characters).
     */
    private record MetaTemplate(EnvelopeMeta meta, byte[] before, byte[] after) {

        private static final String PLACEHOLDER = "ffffffffffffffff0000000000000000";
        private static final byte[] MARK = ("\"trace_id\":\"" + PLACEHOLDER + "\"").getBytes(StandardCharsets.US_ASCII);
        private static final int ID_AT = "\"trace_id\":\"".length();

        static MetaTemplate of(JsonMapper mapper, EnvelopeMeta meta) {
            byte[] json = mapper.writeValueAsBytes(meta.withTraceId(PLACEHOLDER));
            int at = indexOf(json, MARK, 0);
            boolean usable = at >= 0 && indexOf(json, MARK, at + 1) < 0 && isAscii(json);
            if (!usable) {
                return new MetaTemplate(meta, null, null);
            }
            int idAt = at + ID_AT;
            return new MetaTemplate(meta, Arrays.copyOfRange(json, 0, idAt),
                    Arrays.copyOfRange(json, idAt + PLACEHOLDER.length(), json.length));
        }

        boolean usable() {
            return before != null;
        }

        boolean fits(EnvelopeMeta other) {
            return sameButTraceId(meta, other);
        }

        private static final byte[] OPEN = "{\"meta\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

        /** The meta with this trace id, as one raw JSON value. */
        void write(JsonGenerator out, String traceId) {
            byte[] json = new byte[before.length + traceId.length() + after.length];
            copyMeta(json, 0, traceId);
            out.writeRawValue(new VerbatimJson(json));
        }

        /** The whole envelope, {@code {"meta":…,"payload":…}}, as Jackson writes it without a pretty printer. */
        byte[] envelope(String traceId, byte[] payload) {
            int metaLength = before.length + traceId.length() + after.length;
            byte[] json = new byte[OPEN.length + metaLength + PAYLOAD.length + payload.length + 1];
            System.arraycopy(OPEN, 0, json, 0, OPEN.length);
            int at = copyMeta(json, OPEN.length, traceId);
            System.arraycopy(PAYLOAD, 0, json, at, PAYLOAD.length);
            System.arraycopy(payload, 0, json, at + PAYLOAD.length, payload.length);
            json[json.length - 1] = '}';
            return json;
        }

        /** Copies the meta with this trace id to {@code json} at {@code from}; returns where it ends. */
        private int copyMeta(byte[] json, int from, String traceId) {
            System.arraycopy(before, 0, json, from, before.length);
            int at = from + before.length;
            for (int i = 0; i < traceId.length(); i++) {
                json[at + i] = (byte) traceId.charAt(i);
            }
            at += traceId.length();
            System.arraycopy(after, 0, json, at, after.length);
            return at + after.length;
        }

        /** Lowercase hex only: written between quotes as it is, with nothing to escape. */
        static boolean isTraceId(String id) {
            if (id == null || id.isEmpty()) {
                return false;
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isAscii(byte[] json) {
            for (byte b : json) {
                if (b < 0) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
