package com.autonomos.handshake.farm.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.farm.SourceRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(SourceController.class)
class SourceEndpointTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvcTester mvc;

    @Test
    void theSourceServesTheRecordOfTruthWithAmountsAsWritten() throws Exception {
        MvcTestResult result = mvc.get().uri("/api/source/salesforce/invoice/INV-004711").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        String body = result.getResponse().getContentAsString();
        SourceRecord record = JSON.readValue(body, SourceRecord.class);
        assertThat(record.source()).isEqualTo("salesforce_master");
        assertThat(Instant.parse(record.lookupTimestamp())).isBeforeOrEqualTo(Instant.now());
        JsonNode invoice = JSON.readTree(body).get("invoice");
        assertThat(invoice).isEqualTo(JSON.readTree(InvoiceFactory.recordOfTruth("INV-004711").toString()));
        String total = InvoiceJson.decimal(InvoiceFactory.create("INV-004711").totalAmountCents(), 2);
        assertThat(body).contains("\"total_amount\":" + total + ",");
    }

    @Test
    void anIdThatIsNotInvPlusSixDigitsIsANotFoundProblem() {
        MvcTestResult result = mvc.get().uri("/api/source/salesforce/invoice/INV-12x").exchange();

        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(result.getResponse().getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/unknown-invoice");
        assertThat(problem.get("title").asString()).isEqualTo("Invoice not found");
        assertThat(problem.get("detail").asString()).contains("INV-12x");
    }
}
