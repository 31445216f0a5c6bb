package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import com.autonomos.handshake.dcl.sink.Payload;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses a framed line under tightened Jackson constraints and classifies it: dead letter (malformed, not an object,
 * too large, empty line), control ({@code _chaos} without {@code invoice_id}), clean or drifted record. An empty or
 * whitespace-only line is a dead letter {@code empty_line} here (the public Farm's malformed chaos sends them); a
 * connector whose policy says they are keep-alives turns it into control in the pipeline. The Farm's
 * {@code _chaos_injected} / {@code _drift_type} tags are never consulted. Stateless and thread-safe.
 *
 * <p>A clean record also carries its line as {@link Classified.Clean#json()} when the line is a faithful, standalone
 * rendering of the parsed record, so the sink can write it as is instead of serializing the tree again (the most
 * expensive step of delivery): ASCII only (so there is no UTF-8 the parser merely tolerated), no carriage return
 * (a line reader could split there), the object's braces at both ends, and no duplicate property (the tree kept the
 * last value; the line would show both). Duplicates are found by parsing strictly first; a line the strict parse
 * refuses for a duplicate is parsed again exactly as before, so classification does not change.
 *
 * <p>Most lines are such clean records, and for them building a tree is most of the cost of ingest. So a line that
 * can be copied verbatim is first read once as tokens ({@link #cleanOnTokens}): when it is one object, free of
 * duplicate properties at every level, with nothing after it, and {@link InvoiceContract#conforms} says it is clean,
 * it is classified clean with its line alone, and its tree is parsed only if someone asks for it. Any other answer
 * (drift, a control line, malformed, a duplicate, a limit) sends it to the tree path above, unchanged, which decides
 * its classification and any dead-letter reason and detail; both paths agree on what is clean with a verbatim line.
 */
final class LineClassifier {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final JsonMapper mapper;
    private final JsonMapper strict;
    /** The tree path's parser settings; the token pass adds duplicate detection ({@link UniqueNamesParser}). */
    private final JsonFactory tokens;
    private final ObjectReader treeOnDemand;
    private final int maxLineBytes;
    private final int rawBound;
    private final long maxAnnouncedStallSeconds;

    LineClassifier(IngestProperties properties) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(properties.maxNestingDepth())
                .maxNumberLength(properties.maxNumberLength())
                .maxStringLength(properties.maxStringLength())
                .maxDocumentLength(properties.maxLineBytes().toBytes())
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.strict = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        this.tokens = factory;
        this.treeOnDemand = mapper.reader(); // the tree the lenient parse would have built
        this.maxLineBytes = (int) properties.maxLineBytes().toBytes();
        this.rawBound = (int) properties.rawBound().toBytes();
        this.maxAnnouncedStallSeconds = Math.max(0, properties.maxAnnouncedStall().toSeconds());
    }

    Classified classify(Frame frame) {
        if (!frame.oversized() && cleanOnTokens(frame.bytes())) {
            return new Classified.Clean(Payload.parsedWhenNeeded(frame.bytes(), treeOnDemand));
        }
        return classifyOnTree(frame);
    }

    /**
     * Whether the line is a clean record that can be copied verbatim, decided in one pass over its tokens: exactly
     * when {@link #classifyOnTree} would answer {@link Classified.Clean} with the line as its JSON. A record that
     * conforms carries an {@code invoice_id}, so it is never a {@code _chaos} control line.
     */
    boolean cleanOnTokens(byte[] bytes) {
        if (!verbatim(bytes)) {
            return false;
        }
        try (JsonParser parser = UniqueNamesParser.over(tokens, bytes)) {
            parser.nextToken();
            return InvoiceContract.conforms(parser) && parser.nextToken() == null;
        } catch (JacksonException e) {
            return false; // malformed, a duplicate or over a limit: the tree path says which, as it always did
        }
    }

    /** The classification of any line, from its tree: what {@link #classify} answers for every line not clean. */
    Classified classifyOnTree(Frame frame) {
        byte[] bytes = frame.bytes();
        if (frame.oversized()) {
            return new Classified.Rejected(DeadLetterReason.TOO_LARGE,
                    "line of " + frame.length() + " bytes exceeds max-line-bytes " + maxLineBytes, raw(bytes), true);
        }
        if (blank(bytes)) {
            return new Classified.Rejected(DeadLetterReason.EMPTY_LINE, "empty or whitespace-only line", raw(bytes),
                    false);
        }
        JsonNode node;
        boolean unique = true;
        try {
            node = strict.readTree(bytes);
        } catch (StreamConstraintsException e) {
            return reject(DeadLetterReason.TOO_LARGE, e, bytes);
        } catch (MismatchedInputException strictOnly) {
            // a duplicate property (or trailing tokens): the lenient parse decides, exactly as it always did
            unique = false;
            try {
                node = mapper.readTree(bytes);
            } catch (StreamConstraintsException e) {
                return reject(DeadLetterReason.TOO_LARGE, e, bytes);
            } catch (JacksonException e) {
                return reject(DeadLetterReason.MALFORMED, e, bytes);
            }
        } catch (JacksonException e) {
            // a syntax error: the duplicate check only adds failures after a whole property, so the lenient parse
            // would stop at the same byte with the same error; not parsing twice keeps malformed lines cheap
            return reject(DeadLetterReason.MALFORMED, e, bytes);
        }
        if (!(node instanceof ObjectNode record)) {
            return new Classified.Rejected(DeadLetterReason.NOT_AN_OBJECT,
                    "JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object",
                    raw(bytes), bytes.length > rawBound);
        }
        JsonNode chaos = record.get("_chaos");
        if (chaos != null && !record.has("invoice_id")) {
            return control(record, chaos, bytes);
        }
        List<DriftItem> drift = InvoiceContract.check(record);
        if (!drift.isEmpty()) {
            return new Classified.Drifted(record, drift, bytes);
        }
        return new Classified.Clean(unique && verbatim(bytes) ? Payload.of(record, bytes) : Payload.of(record));
    }

    /**
     * A {@code _chaos} control line. An announced delay is clamped to {@code dcl.ingest.max-announced-stall}, so
     * that neither an overflowing number ({@code 9223372036854775807}, {@code 1e300}) nor a merely huge one can
     * switch stall detection off; a delay that is not a non-negative number is dead-lettered {@code invalid_control}.
     */
    private Classified control(ObjectNode record, JsonNode chaos, byte[] bytes) {
        JsonNode delay = record.get("delay_seconds");
        long seconds = 0;
        if (delay != null && !delay.isNull()) {
            double value = delay.isNumber() ? delay.asDouble() : Double.NaN; // BigInteger and 1e300 alike, no overflow
            if (!(value >= 0)) { // negative, NaN or not a number
                return new Classified.Rejected(DeadLetterReason.INVALID_CONTROL,
                        "delay_seconds must be a non-negative number of seconds", raw(bytes), bytes.length > rawBound);
            }
            seconds = value >= maxAnnouncedStallSeconds ? maxAnnouncedStallSeconds : (long) Math.ceil(value);
        }
        return new Classified.Control(chaos.isString() ? chaos.asString() : chaos.toString(), seconds);
    }

    /** An object line of ASCII without carriage returns: its bytes are the record's JSON as they stand. */
    static boolean verbatim(byte[] bytes) {
        int n = bytes.length;
        if (n < 2 || bytes[0] != '{' || bytes[n - 1] != '}') {
            return false;
        }
        // eight bytes a step: any high bit (non-ASCII) or any byte equal to CR (zero after the XOR)
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long v = (long) LONGS.get(bytes, i);
            long cr = v ^ 0x0D0D0D0D0D0D0D0DL;
            if (((v | ((cr - 0x0101010101010101L) & ~cr)) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (bytes[i] < 0 || bytes[i] == '\r') {
                return false;
            }
        }
        return true;
    }

    private Classified.Rejected reject(DeadLetterReason reason, JacksonException e, byte[] bytes) {
        return new Classified.Rejected(reason, e.getOriginalMessage(), raw(bytes), bytes.length > rawBound);
    }

    String raw(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, rawBound), StandardCharsets.UTF_8);
    }

    boolean truncated(byte[] bytes) {
        return bytes.length > rawBound;
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
