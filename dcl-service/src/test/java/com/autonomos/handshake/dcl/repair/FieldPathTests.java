package com.autonomos.handshake.dcl.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class FieldPathTests {

    private final ObjectNode record = (ObjectNode) RepairFixtures.JSON.readTree("""
            {"vendor":{"vendor_id":"V-1"},"line_items":[{"quantity":1},{"quantity":2},{"quantity":"3"}]}""");

    @Test
    void contractPathsParseIntoNamesAndIndexes() {
        assertThat(FieldPath.parse("total_amount").steps()).containsExactly("total_amount");
        assertThat(FieldPath.parse("vendor.vendor_id").steps()).containsExactly("vendor", "vendor_id");
        assertThat(FieldPath.parse("line_items[2].quantity").steps()).containsExactly("line_items", 2, "quantity");
        assertThat(FieldPath.parse("line_items[1]").steps()).containsExactly("line_items", 1);
    }

    @Test
    void setReplacesOnlyTheAddressedValue() {
        assertThat(FieldPath.parse("line_items[2].quantity").set(record, JsonNodeFactory.instance.numberNode(3))).isTrue();
        assertThat(FieldPath.parse("vendor.name").set(record, JsonNodeFactory.instance.stringNode("Acme"))).isTrue();

        assertThat(record.toString()).isEqualTo("""
                {"vendor":{"vendor_id":"V-1","name":"Acme"},"line_items":[{"quantity":1},{"quantity":2},{"quantity":3}]}""");
    }

    @Test
    void setRefusesWhenAContainerOnTheWayIsAbsentOrOfAnotherShape() {
        var value = JsonNodeFactory.instance.numberNode(1);

        assertThat(FieldPath.parse("billing_address.zip").set(record, value)).isFalse();
        assertThat(FieldPath.parse("line_items[5].quantity").set(record, value)).isFalse();
        assertThat(FieldPath.parse("line_items[5]").set(record, value)).isFalse();
        assertThat(FieldPath.parse("vendor[0]").set(record, value)).isFalse();
        assertThat(FieldPath.parse("vendor.vendor_id.x").get(record)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "a[", "a[x]", ".a"})
    void malformedPathsAreRejected(String path) {
        assertThatThrownBy(() -> FieldPath.parse(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getReadsNestedValues() {
        assertThat(FieldPath.parse("line_items[1].quantity").get(record).intValue()).isEqualTo(2);
    }
}
