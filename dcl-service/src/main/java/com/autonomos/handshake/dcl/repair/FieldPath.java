package com.autonomos.handshake.dcl.repair;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A drift item's field path as the invoice contract writes it ({@code total_amount}, {@code vendor.vendor_id},
 * {@code line_items[2].quantity}, {@code line_items[1]}), resolved against a JSON tree.
 *
 * @param steps field names ({@link String}) and array indexes ({@link Integer}), outermost first
 */
record FieldPath(String text, List<Object> steps) {

    static FieldPath parse(String text) {
        List<Object> steps = new ArrayList<>(3);
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unbalanced '[' in field path " + text);
                }
                steps.add(Integer.parseInt(text, i + 1, close, 10));
                i = close + 1;
                if (i < n && text.charAt(i) == '.') {
                    i++;
                }
            } else {
                int end = i;
                while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i) {
                    throw new IllegalArgumentException("empty step in field path " + text);
                }
                steps.add(text.substring(i, end));
                i = end < n && text.charAt(end) == '.' ? end + 1 : end;
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty field path");
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    /** The value at this path, or null when it (or a container on the way) is absent or not a container. */
    JsonNode get(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index
                    ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
        }
        return node;
    }

    /**
     * Sets the value at this path. The containers on the way must exist with the right shape (the contract reports a
     * child only when its parent is sound).
     *
     * @return false when a container on the way is absent or of the wrong shape
     */
    boolean set(ObjectNode root, JsonNode value) {
        JsonNode parent = steps.size() == 1 ? root : new FieldPath(text, steps.subList(0, steps.size() - 1)).get(root);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            if (parent instanceof ArrayNode array && index < array.size()) {
                array.set(index, value);
                return true;
            }
            return false;
        }
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
            return true;
        }
        return false;
    }
}
