package com.autonomos.handshake.dcl.ingest;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * A parser that fails on a property named twice in one object, at any depth, as Jackson's
 * {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} does, for the token pass over clean lines. Jackson's own check
 * keeps a {@code HashSet} per object of three or more properties; an invoice has about fifteen, and that check was
 * about a tenth of ingest's CPU. Here the names of the open objects sit in one array and nothing is allocated per
 * object. The parser must come from a factory that canonicalizes property names (Jackson's default): one parser then
 * hands out the same {@code String} for every occurrence of a name, so names compare by identity (hashing each
 * name, as before, showed as 3% of DCL's samples on clean lines). Every way of reading on goes through
 * {@link #nextToken()}, so no property escapes the check (a skipped subtree included).
 */
final class UniqueNamesParser extends JsonParserDelegate {

    /** Names of the open objects, innermost last. */
    private String[] names = new String[32];
    private int size;
    /** Where each open object's names start in {@link #names}, innermost last. */
    private int[] starts = new int[8];
    private int depth;

    /** A parser over {@code bytes} from {@code factory}, which must canonicalize property names. */
    static UniqueNamesParser over(JsonFactory factory, byte[] bytes) {
        if (!factory.isEnabled(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)) {
            throw new IllegalArgumentException("names compare by identity: the factory must canonicalize them");
        }
        return new UniqueNamesParser(factory.createParser(bytes));
    }

    private UniqueNamesParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() {
        JsonToken token = delegate.nextToken();
        if (token == JsonToken.PROPERTY_NAME) {
            add(delegate.currentName());
        } else if (token == JsonToken.START_OBJECT) {
            if (depth == starts.length) {
                starts = Arrays.copyOf(starts, depth * 2);
            }
            starts[depth++] = size;
        } else if (token == JsonToken.END_OBJECT) {
            size = starts[--depth];
        }
        return token;
    }

    private void add(String name) {
        for (int i = starts[depth - 1]; i < size; i++) {
            if (names[i] == name) { // canonical names: see the class comment
                throw new StreamReadException(this, "Duplicate Object property \"" + name + "\"");
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size++] = name;
    }

    @Override
    public String nextName() {
        return nextToken() == JsonToken.PROPERTY_NAME ? currentName() : null;
    }

    @Override
    public boolean nextName(SerializableString expected) {
        return nextToken() == JsonToken.PROPERTY_NAME && expected.getValue().equals(currentName());
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        throw new UnsupportedOperationException("data binding does not read through this parser");
    }

    @Override
    public JsonToken nextValue() {
        JsonToken token = nextToken();
        return token == JsonToken.PROPERTY_NAME ? nextToken() : token;
    }

    /** Through this parser's own {@link #nextToken()}, so the names in the skipped subtree are checked too. */
    @Override
    public JsonParser skipChildren() {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) { // the parser itself fails first on an end of input inside an object or array
                throw new StreamReadException(this, "Unexpected end-of-input while skipping a subtree");
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }
}
