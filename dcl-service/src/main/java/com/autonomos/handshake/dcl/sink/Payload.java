package com.autonomos.handshake.dcl.sink;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delivered record's payload: a JSON object, held as a tree, as the line it was read from, or both. A clean line
 * is delivered as its bytes alone: the file sink copies them as they are, and the tree is parsed only the first time
 * something asks for it (the records API, the cluster sink's serializer), then kept. Serializes as the tree.
 *
 * <p>Immutable as far as anyone can tell and safe to share between threads: the tree is built at most once (under
 * this object's lock) and never modified after.
 */
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
    @JsonValue
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
}
