package com.autonomos.handshake.contracts.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.CanonicalInvoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** {@link InvoiceContract#conforms(JsonParser)} answers as {@link InvoiceContract#check} would, without a tree. */
class InvoiceContractOnTokensTests {

    private static final String VALID = CanonicalInvoice.line();

    /** The token-stream answer for a JSON text, after asserting it agrees with the tree's. */
    static boolean conforms(String json) {
        try (JsonParser parser = CanonicalInvoice.JSON.createParser(json)) {
            parser.nextToken();
            boolean conforms = InvoiceContract.conforms(parser);
            if (conforms) {
                assertThat(parser.currentToken()).as("read through the object").isEqualTo(JsonToken.END_OBJECT);
                assertThat(parser.nextToken()).isNull();
            }
            return conforms;
        }
    }

    private static boolean treeSaysClean(String json) {
        return InvoiceContract.check(CanonicalInvoice.JSON.readTree(json)).isEmpty();
    }

    @Test
    void aValidRecordConformsAndIsReadToItsEnd() {
        assertThat(conforms(VALID)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"notes\":null", // optional: absent is fine
            "\"_stream_meta\":{\"record_number\":17,\"chaos_mode\":true}", // extras are skipped
    })
    void whatTheContractDoesNotRequireMayBeLeftOut(String member) {
        String json = VALID.replace("," + member, "");
        assertThat(json).isNotEqualTo(VALID);
        assertThat(conforms(json)).isTrue().isEqualTo(treeSaysClean(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"po_number\":\"PO-7781\"->\"po_number\":null",
            "\"notes\":null->\"notes\":\"paid by wire\"",
            "\"line_items\":[{->\"line_items\":[],\"x\":[{",
            "\"INV-004217\"->\"INV-\\u0030\\u00304217\"",
            "\"quantity\":3->\"quantity\":3e400",
            "\"quantity\":3->\"quantity\":123456789012345678901234567890",
            "\"tax_id\":\"12-3456789\"->\"tax_id\":{\"a\":[1,{\"b\":null}]}",
            "\"description\":\"Widget\"->\"description\":[]",
            "{\"record_type\"->{\"_chaos\":\"latency_spike_starting\",\"record_type\"",
    })
    void conformingVariantsConform(String edit) {
        String json = edited(edit);
        assertThat(conforms(json)).isTrue().isEqualTo(treeSaysClean(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"subtotal\":146.0->\"subtotal\":\"146.0\"",
            "\"quantity\":3->\"quantity\":\"3\"",
            "\"quantity\":3->\"quantity\":null",
            "\"vendor_id\":\"V-1042\"->\"vendor_id\":1042",
            "\"zip\":\"62701\",->",
            "\"po_number\":\"PO-7781\",->",
            "\"invoice_id\":\"INV-004217\",->\"_chaos\":\"x\",",
            "\"INV-004217\"->\"INV-\"",
            "\"2024-03-01\"->\"2024-02-30\"",
            "\"line_items\":[{->\"line_items\":[null,{",
            "\"line_items\":[{->\"line_items\":[[],{",
            "\"vendor\":{->\"vendor\":null,\"v\":{",
            "\"currency\":\"USD\"->\"currency\":[\"USD\"]",
            "\"notes\":null->\"notes\":false",
    })
    void aDepartureDoesNotConform(String edit) {
        String json = edited(edit);
        assertThat(conforms(json)).isFalse().isEqualTo(treeSaysClean(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"currency\":\"USD\"->\"currency\":\"USD\",\"currency\":\"EUR\"", // both conform, still refused
            "\"currency\":\"USD\"->\"currency\":1,\"currency\":\"USD\"", // the tree keeps the conforming last
            "\"vendor_id\":\"V-1042\"->\"vendor_id\":1,\"vendor_id\":\"V-1042\"",
            "\"quantity\":3->\"quantity\":\"x\",\"quantity\":3",
    })
    void aContractFieldNamedTwiceIsLeftToTheTree(String edit) {
        assertThat(conforms(edited(edit))).isFalse();
    }

    @Test
    void onlyAnObjectCanConform() {
        assertThat(conforms("[" + VALID + "]")).isFalse();
        assertThat(conforms("\"" + VALID.replace("\"", "'") + "\"")).isFalse();
    }

    private static String edited(String edit) {
        String[] fromTo = edit.split("->", -1);
        assertThat(VALID).contains(fromTo[0]);
        return VALID.replaceFirst(java.util.regex.Pattern.quote(fromTo[0]),
                java.util.regex.Matcher.quoteReplacement(fromTo[1]));
    }
}
