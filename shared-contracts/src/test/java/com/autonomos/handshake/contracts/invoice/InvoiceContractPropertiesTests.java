package com.autonomos.handshake.contracts.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import com.autonomos.handshake.testing.CanonicalInvoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Random damage to a valid record: the contract finds exactly the damaged fields, with the right kinds. */
class InvoiceContractPropertiesTests {

    enum Damage { REMOVE, NULL, RETYPE }

    /** Every path of the contract in the fixture (which has three line items), and what its value is. */
    private static final Map<String, Type> PATHS = new LinkedHashMap<>();

    enum Type { STRING, NUMBER, OBJECT, ARRAY }

    static {
        PATHS.put("invoice_id", Type.STRING);
        PATHS.put("vendor", Type.OBJECT);
        for (String f : InvoiceContract.VENDOR_FIELDS) {
            PATHS.put("vendor." + f, Type.STRING);
        }
        PATHS.put("billing_address", Type.OBJECT);
        for (String f : InvoiceContract.BILLING_ADDRESS_FIELDS) {
            PATHS.put("billing_address." + f, Type.STRING);
        }
        PATHS.put("invoice_date", Type.STRING);
        PATHS.put("due_date", Type.STRING);
        PATHS.put("currency", Type.STRING);
        PATHS.put("line_items", Type.ARRAY);
        for (int i = 0; i < 3; i++) {
            PATHS.put("line_items[" + i + "]", Type.OBJECT);
            for (String f : InvoiceContract.LINE_ITEM_FIELDS) {
                PATHS.put("line_items[" + i + "]." + f, Type.NUMBER);
            }
        }
        for (String f : List.of("subtotal", "tax_rate", "tax_amount", "total_amount")) {
            PATHS.put(f, Type.NUMBER);
        }
        PATHS.put("payment_status", Type.STRING);
        PATHS.put("record_type", Type.STRING);
        PATHS.put("po_number", Type.STRING);
        PATHS.put("notes", Type.STRING);
    }

    /** Fixed, so every run checks the same 1000 cases; a case's own seed (in its name) reproduces it. */
    private static final long BASE_SEED = 0xC0_47_5EEDL;
    private static final String ALPHA_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * 1000 damaged records: first every combination of the bounds (1 or 10 damaged paths, an extra field of 1 or 12
     * letters, tagged or not), then cases whose shape and content are drawn from their own seed.
     */
    static Stream<Arguments> damagedRecords() {
        SplittableRandom base = new SplittableRandom(BASE_SEED);
        List<Arguments> edges = new ArrayList<>();
        for (int size : new int[] {1, 10}) {
            for (int length : new int[] {1, 12}) {
                for (boolean chaosTagged : new boolean[] {false, true}) {
                    long seed = base.nextLong();
                    edges.add(damagedRecord(seed, new SplittableRandom(seed), size, length, chaosTagged));
                }
            }
        }
        return Stream.concat(edges.stream(), Stream.generate(base::nextLong).limit(1000 - edges.size()).map(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            return damagedRecord(seed, random, random.nextInt(1, 11), random.nextInt(1, 13), random.nextBoolean());
        }));
    }

    /** Distinct contract paths with a damage each, applied in the drawn order, and an alphabetic extra field. */
    private static Arguments damagedRecord(long seed, SplittableRandom random, int size, int length,
            boolean chaosTagged) {
        List<String> paths = new ArrayList<>(PATHS.keySet());
        Map<String, Damage> damages = new LinkedHashMap<>();
        while (damages.size() < size) {
            damages.putIfAbsent(paths.get(random.nextInt(paths.size())),
                    Damage.values()[random.nextInt(Damage.values().length)]);
        }
        StringBuilder extraField = new StringBuilder();
        while (extraField.length() < length) {
            extraField.append(ALPHA_CHARS.charAt(random.nextInt(ALPHA_CHARS.length())));
        }
        return Arguments.of(seed, damages, extraField.toString(), chaosTagged);
    }

    @ParameterizedTest(name = "seed={0} damages={1} extra_field={2} chaos_tagged={3}")
    @MethodSource("damagedRecords")
    void checkFindsExactlyTheDamagedFieldsWithTheRightKinds(long seed, Map<String, Damage> damages, String extraField,
            boolean chaosTagged) {
        ObjectNode record = CanonicalInvoice.node();
        record.put("notes", "text"); // so that damaging notes has something to retype
        record.put("x_" + extraField, "kept");
        if (chaosTagged) {
            record.put("_chaos_injected", "drift");
            record.put("_drift_type", "none_really");
        }
        Map<String, DriftKind> expected = new HashMap<>();
        for (Map.Entry<String, Damage> e : damages.entrySet()) {
            apply(record, e.getKey(), e.getValue());
            kindOf(e.getKey(), e.getValue()).ifPresent(kind -> expected.put(e.getKey(), kind));
        }
        // a damaged parent hides its children: only the parent is reported
        expected.keySet().removeIf(path -> parentsOf(path).stream().anyMatch(expected::containsKey));

        List<DriftItem> drift = InvoiceContract.check(record);

        Map<String, DriftKind> found = new HashMap<>();
        drift.forEach(item -> found.put(item.field(), item.kind()));
        assertThat(drift).hasSize(found.size()); // no field reported twice
        assertThat(found).isEqualTo(expected);
        drift.forEach(item -> assertThat(item.observed())
                .isEqualTo(item.kind() == DriftKind.MISSING ? null : InvoiceContract.observed(at(record, item.field()))));
        assertThat(InvoiceContractOnTokensTests.conforms(record.toString())).isEqualTo(drift.isEmpty());
    }

    private static java.util.Optional<DriftKind> kindOf(String path, Damage damage) {
        boolean nullable = path.equals("po_number") || path.equals("notes");
        boolean optional = path.equals("notes");
        boolean element = path.endsWith("]"); // see apply: a "removed" element is replaced by a string
        return java.util.Optional.ofNullable(switch (damage) {
            case REMOVE -> optional ? null : element ? DriftKind.WRONG_TYPE : DriftKind.MISSING;
            case NULL -> nullable ? null : DriftKind.NULL;
            case RETYPE -> DriftKind.WRONG_TYPE;
        });
    }

    private static List<String> parentsOf(String path) {
        List<String> parents = new ArrayList<>();
        int dot = path.lastIndexOf('.');
        while (dot > 0 || path.indexOf('[') > 0) {
            path = dot > 0 ? path.substring(0, dot) : path.substring(0, path.indexOf('['));
            parents.add(path);
            dot = path.lastIndexOf('.');
        }
        return parents;
    }

    private static void apply(ObjectNode record, String path, Damage damage) {
        JsonNode parent = parentPath(path) == null ? record : at(record, parentPath(path));
        String leaf = leafOf(path);
        if (parent instanceof ObjectNode object) {
            if (object.get(leaf) == null && damage != Damage.REMOVE) {
                return; // already removed by an earlier damage
            }
            switch (damage) {
                case REMOVE -> object.remove(leaf);
                case NULL -> object.putNull(leaf);
                case RETYPE -> object.set(leaf, retyped(PATHS.get(path)));
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(leaf);
            if (index >= array.size()) {
                return;
            }
            switch (damage) {
                // removing an element would shift the others; drop its content instead, so "missing" is its fields'
                case REMOVE -> array.set(index, JsonNodeFactory.instance.stringNode("gone"));
                case NULL -> array.set(index, JsonNodeFactory.instance.nullNode());
                case RETYPE -> array.set(index, retyped(Type.OBJECT));
            }
        }
        // else: the parent was already damaged, which hides this child
    }

    private static JsonNode retyped(Type type) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (type) {
            case STRING -> nodes.numberNode(12345);
            case NUMBER -> nodes.stringNode("$1,234.56");
            case OBJECT -> nodes.stringNode("Acme Supplies");
            case ARRAY -> nodes.objectNode().put("quantity", 1);
        };
    }

    /** The value at a contract path, or null when absent or when a parent on the way is not a container. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.isArray() ? node.get(Integer.parseInt(step)) : node.isObject() ? node.get(step) : null;
        }
        return node;
    }

    private static String parentPath(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? null : path.substring(0, cut);
    }

    private static String leafOf(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        return bracket > dot ? path.substring(bracket + 1, path.length() - 1) : path.substring(dot + 1);
    }
}
