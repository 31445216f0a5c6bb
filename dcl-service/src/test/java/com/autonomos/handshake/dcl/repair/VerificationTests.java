package com.autonomos.handshake.dcl.repair;

import static com.autonomos.handshake.dcl.repair.RepairFixtures.connector;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.streamed;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.truthBody;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.verifiedBody;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.Mismatch;
import com.autonomos.handshake.contracts.ingest.Reconciliation;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Farm's verdict on a repaired record is kept as it is; an error is never "verified". */
@RepairSpringBootTest
class VerificationTests {

    private static final String VERIFY = "/api/verify/salesforce/invoice";
    private static final ConnectorPolicy REQUIRE_VERIFIED = new ConnectorPolicy(true, true, null);
    private static final ConnectorPolicy RECONCILE = ConnectorPolicy.repairing().withReconcile(true);
    private static final String DISPUTED_TOTAL = """
            {"verified":false,"quality_score":75,"invoice_id":"%s",
             "mismatches":[{"field":"total_amount","expected":157.68,"received":150.0}],"message":"differs"}""";

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.onAFreePort();

    @Autowired
    RecordRepairer repairer;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void stubTheSourceOfTruth() {
        RepairFixtures.close(circuitBreakers.circuitBreaker("sourceOfTruth"));
        RepairFixtures.close(circuitBreakers.circuitBreaker("farmVerify"));
        farm.stubFor(get(urlPathMatching("/api/source/salesforce/invoice/INV-3.*")).willReturn(okJson(truthBody("INV-300000"))));
    }

    @Test
    void aVerifyErrorLeavesTheRepairedRecordUnverifiedWithTheError() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(serverError()));

        RepairOutcome outcome = repairVendorOf("INV-300001", ConnectorPolicy.repairing());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.repairedFields()).containsExactly("vendor");
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.verification()).isNull();
        assertThat(outcome.verifyError()).isEqualTo(
                "verification failed: verify " + farm.baseUrl() + VERIFY + " answered HTTP 500");
    }

    @Test
    void aVerifySlowerThanTheTimeLimitIsUnverified() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson(verifiedBody("INV-300002")).withFixedDelay(2_000)));

        RepairOutcome outcome = repairVendorOf("INV-300002", ConnectorPolicy.repairing());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.verification()).isNull();
        assertThat(outcome.verifyError()).startsWith("verification failed: TimeoutException").contains("in 'farmVerify'");
    }

    @Test
    void aVerdictLargerThanTheResponseBoundIsNotReadAndTheRecordIsUnverified() {
        String verdict = verifiedBody("INV-300003");
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(
                okJson("{\"padding\":\"" + "x".repeat(300 * 1024) + "\"," + verdict.substring(1))));

        RepairOutcome outcome = repairVendorOf("INV-300003", ConnectorPolicy.repairing());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.verification()).isNull();
        assertThat(outcome.verifyError()).isEqualTo("verification failed: TooLarge: "
                + "the Farm's answer is larger than dcl.repair.max-response-size (262144 bytes)");
    }

    @Test
    void aFarmSayingNotVerifiedIsKeptWithItsMismatches() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson("""
                {"verified":false,"quality_score":75,"invoice_id":"INV-300003",
                 "mismatches":[{"field":"total_amount","expected":157.68,"received":150.0}],
                 "message":"1 field differs from the record of truth"}""")));

        RepairOutcome outcome = repairVendorOf("INV-300003", ConnectorPolicy.repairing());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.verifyError()).isNull();
        assertThat(outcome.verification()).isEqualTo(new VerifyResult(false, 75.0, "INV-300003",
                List.of(new Mismatch("total_amount", 157.68, 150.0)), "1 field differs from the record of truth"));
    }

    @Test
    void requireVerifiedDeadLettersARecordTheFarmDidNotVerifyAsVerifyFailed() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson("""
                {"verified":false,"quality_score":75,"invoice_id":"INV-300004",
                 "mismatches":[{"field":"total_amount","expected":157.68,"received":150.0}],"message":"differs"}""")));

        RepairOutcome outcome = repairVendorOf("INV-300004", REQUIRE_VERIFIED);

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.VERIFY_FAILED);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.detail())
                .isEqualTo("the Farm did not verify the repaired record: differs mismatches=[total_amount]");
        assertThat(outcome.repaired()).as("kept for the dead letter").isNotNull();
        assertThat(outcome.repaired().get("vendor").get("vendor_id").stringValue()).isEqualTo("V-1042");
        assertThat(outcome.repairedFields()).containsExactly("vendor");
        assertThat(outcome.verification().mismatches()).hasSize(1);
    }

    @Test
    void requireVerifiedDeadLettersARecordWhoseVerificationErrored() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(serverError()));

        RepairOutcome outcome = repairVendorOf("INV-300005", REQUIRE_VERIFIED);

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.VERIFY_FAILED);
        assertThat(outcome.verification()).isNull();
        assertThat(outcome.verifyError()).isEqualTo(
                "verification failed: verify " + farm.baseUrl() + VERIFY + " answered HTTP 500");
        assertThat(outcome.detail()).isEqualTo(outcome.verifyError());
        assertThat(outcome.repaired()).isNotNull();
    }

    @Test
    void requireVerifiedDeliversARecordTheFarmVerified() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson(verifiedBody("INV-300006"))));

        RepairOutcome outcome = repairVendorOf("INV-300006", REQUIRE_VERIFIED);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.verification().qualityScore()).isEqualTo(100.0);
        farm.verify(getRequestedFor(urlPathEqualTo("/api/source/salesforce/invoice/INV-300006"))
                .withHeader("Accept", equalTo("application/json")));
        farm.verify(postRequestedFor(urlPathEqualTo(VERIFY))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.invoice_id", equalTo("INV-300006"))));
    }

    @Test
    void reconcileTakesTheDisputedFieldFromTheRecordOfTruthAndKeepsTheFarmsSecondVerdict() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).inScenario("reconcile").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(DISPUTED_TOTAL.formatted("INV-300007"))).willSetStateTo("reconciled"));
        farm.stubFor(post(urlPathEqualTo(VERIFY)).inScenario("reconcile").whenScenarioStateIs("reconciled")
                .willReturn(okJson(verifiedBody("INV-300007"))));

        RepairOutcome outcome = repairVendorOf("INV-300007", RECONCILE, 150.0);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.repairedFields()).containsExactly("vendor");
        assertThat(outcome.reconciled()).hasSize(1);
        Reconciliation reconciled = outcome.reconciled().get(0);
        assertThat(reconciled.field()).isEqualTo("total_amount");
        assertThat(((JsonNode) reconciled.streamValue()).decimalValue()).isEqualByComparingTo("150.0");
        assertThat(((JsonNode) reconciled.truthValue()).decimalValue()).isEqualByComparingTo("157.68");
        assertThat(outcome.repaired().get("total_amount").decimalValue()).isEqualByComparingTo("157.68");
        List<LoggedRequest> verifications = farm.findAll(postRequestedFor(urlPathEqualTo(VERIFY)));
        assertThat(verifications).hasSize(2);
        assertThat(verifications.get(1).getBodyAsString()).contains("\"total_amount\":157.68");
    }

    @Test
    void aSecondVerificationThatErrorsLeavesTheReconciledRecordUnverified() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).inScenario("reconcile-error").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(DISPUTED_TOTAL.formatted("INV-300008"))).willSetStateTo("reconciled"));
        farm.stubFor(post(urlPathEqualTo(VERIFY)).inScenario("reconcile-error").whenScenarioStateIs("reconciled")
                .willReturn(serverError()));

        RepairOutcome outcome = repairVendorOf("INV-300008", RECONCILE, 150.0);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.verification()).isNull();
        assertThat(outcome.verifyError()).startsWith("verification after reconciliation failed: ");
        assertThat(outcome.reconciled()).extracting(Reconciliation::field).containsExactly("total_amount");
    }

    @Test
    void withoutReconcileTheDisputedFieldIsLeftAsTheStreamSentIt() {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson(DISPUTED_TOTAL.formatted("INV-300009"))));

        RepairOutcome outcome = repairVendorOf("INV-300009", ConnectorPolicy.repairing(), 150.0);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.reconciled()).isEmpty();
        assertThat(outcome.repaired().get("total_amount").decimalValue()).isEqualByComparingTo("150.0");
        assertThat(farm.findAll(postRequestedFor(urlPathEqualTo(VERIFY)))).hasSize(1);
    }

    private RepairOutcome repairVendorOf(String invoiceId, ConnectorPolicy policy, double streamTotal) {
        ObjectNode record = streamed(invoiceId);
        record.remove("vendor");
        record.put("total_amount", streamTotal);
        return repairer.repair(connector(farm.baseUrl(), policy), record, InvoiceContract.check(record))
                .block(Duration.ofSeconds(15));
    }

    private RepairOutcome repairVendorOf(String invoiceId, ConnectorPolicy policy) {
        ObjectNode record = streamed(invoiceId);
        record.remove("vendor");
        return repairer.repair(connector(farm.baseUrl(), policy), record, InvoiceContract.check(record))
                .block(Duration.ofSeconds(15));
    }
}
