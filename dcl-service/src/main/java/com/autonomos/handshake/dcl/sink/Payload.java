package com.autonomos.handshake.dcl.sink;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivered record's payload: a JSON object, held as a tree, as the line it was read from, or both. A clean line
 * is delivered as its bytes alone: the file sink copies them as they are, and the tree is parsed only the first time
 * something asks for it (the records API, a repair), then kept. Serializes as the record: the line copied as it is
 * when there is one (both sinks write it so, without a tree), else the tree.
 *
 * <p>Immutable as far as anyone can tell and safe to share between threads: the tree is built at most once (under
 * this object's lock) and never modified after.
 */
@JsonSerialize(using = Payload.AsRecord.class)
public final class Payload {

    private final byte[] json;
    private final ObjectReader reader;
    private volatile ObjectNode tree;

    private Payload(ObjectNode tree, byte[] json, ObjectReader reader) {
        this.tree = tree;
        this.json = json;
        this.reader = reader;
    }

    /** A payload built or changed in memory (a repaired record, a drifted one delivered as read): no text to copy. */
    public static Payload of(ObjectNode tree) {
        return new Payload(tree, null, null);
    }

    /** A parsed record together with its line, which is a faithful, standalone ASCII rendering of {@code tree}. */
    public static Payload of(ObjectNode tree, byte[] json) {
        return new Payload(tree, json, null);
    }

    /**
     * A record known only by its line: {@code json} must be one ASCII JSON object that {@code reader} reads without
     * error (the classifier has read it once already), and it is what the tree would look like written out.
     */
    public static Payload parsedWhenNeeded(byte[] json, ObjectReader reader) {
        return new Payload(null, json, reader);
    }

    /** The record as a tree, parsed now if it was not yet. Never modify it: it is shared. */
    public ObjectNode tree() {
        ObjectNode t = tree;
        if (t == null) {
            synchronized (this) {
                t = tree;
                if (t == null) {
                    t = (ObjectNode) reader.readTree(json);
                    tree = t;
                }
            }
        }
        return t;
    }

    /**
     * The record's JSON text exactly as read (ASCII, one line), to be copied as is; null when the record has no such
     * text (it was built or changed, or its line was not a faithful standalone rendering). Never modify it.
     */
    public byte[] json() {
        return json;
    }

    /**
     * Writes the line as it was read when the payload has one: it is what the tree would be written as (the
     * classifier keeps only such lines), so the copy needs no tree and no encoding.
     */
    static final class AsRecord extends ValueSerializer<Payload> {

        @Override
        public void serialize(Payload value, JsonGenerator gen, SerializationContext context) {
            if (value.json != null) {
                gen.writeRawValue(new VerbatimJson(value.json));
            } else {
                context.writeValue(gen, value.tree());
            }
        }
    }
}
