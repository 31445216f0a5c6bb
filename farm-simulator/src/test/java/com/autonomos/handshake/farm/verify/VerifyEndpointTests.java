package com.autonomos.handshake.farm.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.farm.invoice.InvoiceFactory;
import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@WebMvcTest(VerifyController.class)
class VerifyEndpointTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERIFY = "/api/verify/salesforce/invoice";

    @Autowired
    MockMvcTester mvc;

    @Test
    void aCleanStreamRecordIsVerifiedWithScore100() {
        String clean = new FarmStream(StreamSpec.of(31).withTruth(Truth.STREAM)).line(0).text();

        JsonNode result = verify(clean, 200);

        assertThat(result.get("verified").booleanValue()).isTrue();
        assertThat(result.get("quality_score").doubleValue()).isEqualTo(100.0);
        assertThat(result.get("invoice_id").asString()).isEqualTo(JSON.readTree(clean).get("invoice_id").asString());
        assertThat(result.get("mismatches").size()).isZero();
    }

    @Test
    void aDamagedVendorIdIsAMismatchWithExpectedAndReceived() {
        ObjectNode invoice = InvoiceFactory.recordOfTruth("INV-123456");
        String truthVendorId = invoice.get("vendor").get("vendor_id").asString();
        ((ObjectNode) invoice.get("vendor")).put("vendor_id", "VND-99999");

        JsonNode result = verify(invoice.toString(), 200);

        assertThat(result.get("verified").booleanValue()).isFalse();
        assertThat(result.get("quality_score").doubleValue()).isEqualTo(75.0);
        assertThat(result.get("mismatches").size()).isEqualTo(1);
        JsonNode mismatch = result.get("mismatches").get(0);
        assertThat(mismatch.get("field").asString()).isEqualTo("vendor.vendor_id");
        assertThat(mismatch.get("expected").asString()).isEqualTo(truthVendorId);
        assertThat(mismatch.get("received").asString()).isEqualTo("VND-99999");
        assertThat(result.get("message").asString()).contains("vendor.vendor_id");
    }

    @Test
    void aWrongTotalIsAMismatchButTheSameAmountWrittenDifferentlyIsNot() {
        ObjectNode invoice = InvoiceFactory.recordOfTruth("INV-000042");
        JsonNode total = invoice.get("total_amount");
        invoice.put("total_amount", total.decimalValue().add(BigDecimal.ONE));

        JsonNode wrong = verify(invoice.toString(), 200);
        invoice.put("total_amount", total.decimalValue().setScale(4));
        JsonNode sameAmount = verify(invoice.toString(), 200);

        assertThat(wrong.get("verified").booleanValue()).isFalse();
        assertThat(wrong.get("mismatches").get(0).get("field").asString()).isEqualTo("total_amount");
        assertThat(sameAmount.get("verified").booleanValue()).isTrue();
    }

    @Test
    void missingFieldsAreMismatchesAndTheScoreIsTheMatchingShare() {
        ObjectNode invoice = InvoiceFactory.recordOfTruth("INV-000043");
        invoice.remove("billing_address");
        invoice.put("invoice_date", "not-a-date");
        invoice.put("total_amount", "THREE");

        JsonNode result = verify(invoice.toString(), 200);

        assertThat(result.get("quality_score").doubleValue()).isEqualTo(25.0);
        assertThat(result.get("mismatches").valueStream().map(m -> m.get("field").asString()).toList())
                .containsExactly("billing_address", "total_amount", "invoice_date");
        assertThat(result.get("mismatches").get(0).get("received").isNull()).isTrue();
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequestProblem() {
        assertProblem(post("[1,2]"), 400, "malformed-request", "array");
        assertProblem(post("{\"invoice_id\": "), 400, "malformed-request", null);
    }

    @Test
    void anInvoiceWithoutAUsableIdIsUnprocessable() {
        assertProblem(post("{\"total_amount\": 1}"), 422, "unverifiable-invoice", "invoice_id");
        assertProblem(post("{\"invoice_id\": null}"), 422, "unverifiable-invoice", "invoice_id");
        assertProblem(post("{\"invoice_id\": \"INV-12\"}"), 422, "unverifiable-invoice", "INV-12");
        assertProblem(post("{\"invoice_id\": 123456}"), 422, "unverifiable-invoice", "invoice_id");
    }

    private JsonNode verify(String body, int status) {
        MvcTestResult result = post(body);
        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        return JSON.readTree(result.getResponse().getContentAsByteArray());
    }

    private MvcTestResult post(String body) {
        return mvc.post().uri(VERIFY).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static void assertProblem(MvcTestResult result, int status, String slug, String detailContains) {
        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(result.getResponse().getContentAsByteArray());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/" + slug);
        if (detailContains != null) {
            assertThat(problem.get("detail").asString()).contains(detailContains);
        }
    }
}
