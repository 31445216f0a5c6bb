package com.autonomos.handshake.contracts.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Random damage to a valid record: the contract finds exactly the damaged fields, with the right kinds. */
class InvoiceContractPropertiesTests {

    enum Damage { REMOVE, NULL, RETYPE }

    /** Every path of the contract in the fixture (which has three line items), and what its value is. */
    private static final Map<String, Type> PATHS = new java.util.LinkedHashMap<>();

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

    @Provide
    Arbitrary<Map<String, Damage>> damages() {
        return Arbitraries.maps(Arbitraries.of(new ArrayList<>(PATHS.keySet())), Arbitraries.of(Damage.class))
                .ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 1000)
    void checkFindsExactlyTheDamagedFieldsWithTheRightKinds(
            @ForAll("damages") Map<String, Damage> damages,
            @ForAll @AlphaChars @StringLength(min = 1, max = 12) String extraField,
            @ForAll boolean chaosTagged) {
        ObjectNode record = InvoiceFixtures.valid();
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
