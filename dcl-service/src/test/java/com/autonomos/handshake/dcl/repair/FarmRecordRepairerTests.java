package com.autonomos.handshake.dcl.repair;

import static com.autonomos.handshake.dcl.repair.RepairFixtures.connector;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.streamed;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.truthBody;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.truthInvoice;
import static com.autonomos.handshake.dcl.repair.RepairFixtures.verifiedBody;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.invoice.InvoiceContract;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RepairSpringBootTest
class FarmRecordRepairerTests {

    private static final String SOURCE = "/api/source/salesforce/invoice/";
    private static final String VERIFY = "/api/verify/salesforce/invoice";

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.onAFreePort();

    @Autowired
    RecordRepairer repairer;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @BeforeEach
    void closeBreakers() {
        RepairFixtures.close(circuitBreakers.circuitBreaker(SourceOfTruthClient.INSTANCE));
        RepairFixtures.close(circuitBreakers.circuitBreaker(VerificationClient.INSTANCE));
    }

    @Test
    void repairFillsExactlyTheDriftedFieldsAndLeavesEveryOtherFieldByteIdentical() {
        String id = "INV-100001";
        stubTruth(id);
        stubVerified(id);
        ObjectNode record = streamed(id);
        ((ObjectNode) record.get("vendor")).remove("vendor_id");
        record.remove("billing_address");
        record.remove("po_number");
        record.put("total_amount", "THREE");
        ((ObjectNode) record.get("line_items").get(2)).put("quantity", "2");
        String before = record.toString();
        List<DriftItem> drift = InvoiceContract.check(record);

        RepairOutcome outcome = repair(connector(farm.baseUrl()), record, drift);

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.repairedFields()).containsExactly(
                "vendor.vendor_id", "billing_address", "line_items[2].quantity", "total_amount", "po_number");
        ObjectNode truth = truthInvoice(id);
        ObjectNode repaired = outcome.repaired();
        assertThat(repaired.get("vendor").get("vendor_id")).isEqualTo(truth.get("vendor").get("vendor_id"));
        assertThat(repaired.get("billing_address")).isEqualTo(truth.get("billing_address"));
        assertThat(repaired.get("line_items").get(2).get("quantity")).isEqualTo(truth.get("line_items").get(2).get("quantity"));
        assertThat(repaired.get("total_amount").toString()).isEqualTo("157.68");
        assertThat(repaired.get("po_number").stringValue()).isEqualTo("PO-7781");
        // everything that did not drift is the streamed value, even where the record of truth differs
        ObjectNode original = (ObjectNode) RepairFixtures.JSON.readTree(before);
        for (Map.Entry<String, JsonNode> field : original.properties()) {
            if (!List.of("vendor", "total_amount", "line_items").contains(field.getKey())) {
                assertThat(repaired.get(field.getKey()).toString()).as(field.getKey()).isEqualTo(field.getValue().toString());
            }
        }
        assertThat(repaired.get("vendor").get("name").stringValue()).isEqualTo("Acme Supplies (stream)");
        assertThat(repaired.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(repaired.get("notes").stringValue()).isEqualTo("from the stream");
        assertThat(repaired.get("line_items").get(0).toString()).isEqualTo(original.get("line_items").get(0).toString());
        assertThat(repaired.get("line_items").get(2).get("unit_price").toString()).isEqualTo("7.25");
        assertThat(repaired.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(
                List.of("record_type", "source_system", "invoice_id", "vendor", "invoice_date", "due_date", "currency",
                        "line_items", "subtotal", "tax_rate", "tax_amount", "total_amount", "payment_status", "notes",
                        "sync_timestamp", "correlation_id", "_stream_meta", "billing_address", "po_number"));
        assertThat(InvoiceContract.check(repaired)).isEmpty();
        assertThat(record.toString()).as("the input record is not modified").isEqualTo(before);
        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.verification().qualityScore()).isEqualTo(100.0);
        assertThat(outcome.verifyError()).isNull();
        farm.verify(1, postRequestedFor(urlPathEqualTo(VERIFY)).withRequestBody(equalToJson(repaired.toString())));
    }

    @Test
    void aMissingVendorIsCopiedWholeFromTheRecordOfTruth() {
        String id = "INV-100002";
        stubTruth(id);
        stubVerified(id);
        ObjectNode record = streamed(id);
        record.remove("vendor");

        RepairOutcome outcome = repair(connector(farm.baseUrl()), record, InvoiceContract.check(record));

        assertThat(outcome.repairedFields()).containsExactly("vendor");
        assertThat(outcome.repaired().get("vendor")).isEqualTo(truthInvoice(id).get("vendor"));
        assertThat(outcome.repaired().get("vendor").get("name").stringValue()).isEqualTo("Acme Supplies Inc.");
    }

    static Stream<Arguments> unusableInvoiceIds() {
        return Stream.<Consumer<ObjectNode>>of(
                r -> r.remove("invoice_id"),
                r -> r.putNull("invoice_id"),
                r -> r.put("invoice_id", "inv-100003"),
                r -> r.put("invoice_id", "INV-"),
                r -> r.put("invoice_id", 100003))
                .map(damage -> Arguments.of(damage));
    }

    @ParameterizedTest
    @MethodSource("unusableInvoiceIds")
    void aRecordWithoutAUsableInvoiceIdIsUnrepairableWithoutAnyHttpCall(Consumer<ObjectNode> damage) {
        ObjectNode record = streamed("INV-100003");
        damage.accept(record);

        RepairOutcome outcome = repair(connector(farm.baseUrl()), record, InvoiceContract.check(record));

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.UNREPAIRABLE);
        assertThat(outcome.detail()).startsWith("no usable invoice_id");
        assertThat(outcome.repaired()).isNull();
        assertThat(farm.getAllServeEvents()).isEmpty();
    }

    @Test
    void anInvoiceTheSourceOfTruthDoesNotKnowIsUnrepairableAndNotRetried() {
        String id = "INV-100004";
        farm.stubFor(get(urlPathEqualTo(SOURCE + id)).willReturn(notFound()));
        ObjectNode record = streamed(id);
        record.remove("billing_address");

        RepairOutcome outcome = repair(connector(farm.baseUrl()), record, InvoiceContract.check(record));

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.UNREPAIRABLE);
        assertThat(outcome.detail()).isEqualTo("the source of truth has no invoice INV-100004 (HTTP 404)");
        farm.verify(1, getRequestedFor(urlPathEqualTo(SOURCE + id)));
        assertThat(circuitBreakers.circuitBreaker(SourceOfTruthClient.INSTANCE).getMetrics().getNumberOfFailedCalls())
                .isZero();
        assertThat(farm.findAll(postRequestedFor(urlPathEqualTo(VERIFY)))).isEmpty();
    }

    @Test
    void aDriftedFieldTheRecordOfTruthAlsoLacksIsUnrepairable() {
        String id = "INV-100005";
        ObjectNode truth = (ObjectNode) RepairFixtures.JSON.readTree(truthBody(id));
        ((ObjectNode) truth.get("invoice")).remove("po_number");
        farm.stubFor(get(urlPathEqualTo(SOURCE + id)).willReturn(okJson(truth.toString())));
        ObjectNode record = streamed(id);
        record.remove("po_number");
        record.remove("billing_address");

        RepairOutcome outcome = repair(connector(farm.baseUrl()), record, InvoiceContract.check(record));

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.UNREPAIRABLE);
        assertThat(outcome.detail()).isEqualTo("the record of truth for INV-100005 lacks [po_number]");
        assertThat(outcome.repaired()).isNull();
    }

    @Test
    void twoRepairsOfOneInvoiceMakeOneSourceOfTruthRequest() {
        String id = "INV-100006";
        stubTruth(id);
        stubVerified(id);
        ObjectNode first = streamed(id);
        first.remove("vendor");
        ObjectNode second = streamed(id);
        second.put("subtotal", "$146.00");

        RepairOutcome one = repair(connector(farm.baseUrl()), first, InvoiceContract.check(first));
        RepairOutcome two = repair(connector(farm.baseUrl()), second, InvoiceContract.check(second));

        assertThat(one.repairedFields()).containsExactly("vendor");
        assertThat(two.repairedFields()).containsExactly("subtotal");
        assertThat(two.repaired().get("subtotal").toString()).isEqualTo("146.0");

        // the cached record of truth is shared: what one repair delivers is a copy, never the cached tree itself
        ((ObjectNode) one.repaired().get("vendor")).put("name", "changed downstream");
        ObjectNode third = streamed(id);
        third.remove("vendor");
        RepairOutcome three = repair(connector(farm.baseUrl()), third, InvoiceContract.check(third));
        assertThat(three.repaired().get("vendor")).isEqualTo(truthInvoice(id).get("vendor"));
        farm.verify(1, getRequestedFor(urlPathEqualTo(SOURCE + id)));
    }

    @Test
    void concurrentRepairsOfOneInvoiceShareTheInFlightLookup() {
        String id = "INV-100007";
        farm.stubFor(get(urlPathEqualTo(SOURCE + id)).willReturn(okJson(truthBody(id)).withFixedDelay(150)));
        stubVerified(id);
        ObjectNode first = streamed(id);
        first.remove("vendor");
        ObjectNode second = streamed(id);
        second.remove("billing_address");

        var both = Mono.zip(
                repairer.repair(connector(farm.baseUrl()), first, InvoiceContract.check(first)),
                repairer.repair(connector(farm.baseUrl()), second, InvoiceContract.check(second)))
                .block(Duration.ofSeconds(10));

        assertThat(both.getT1().repairedFields()).containsExactly("vendor");
        assertThat(both.getT2().repairedFields()).containsExactly("billing_address");
        farm.verify(1, getRequestedFor(urlPathEqualTo(SOURCE + id)));
    }

    @Test
    void theSourceOfTruthUrlOfThePolicyIsUsedInsteadOfTheTargetOrigin() {
        String id = "INV-100008";
        stubTruth(id);
        stubVerified(id);
        ObjectNode record = streamed(id);
        record.remove("vendor");
        // the stream's host has nothing listening: only the policy's URL can answer
        var config = connector("http://127.0.0.1:9", new ConnectorPolicy(true, false, farm.baseUrl() + "/ignored/path"));

        RepairOutcome outcome = repair(config, record, InvoiceContract.check(record));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.repairedFields()).containsExactly("vendor");
        assertThat(outcome.verified()).isTrue();
        farm.verify(1, getRequestedFor(urlPathEqualTo(SOURCE + id)));
    }

    @Test
    void aSourceOfTruthUrlOffTheAllowListIsRefused() {
        String id = "INV-100009";
        stubTruth(id);
        ObjectNode record = streamed(id);
        record.remove("vendor");
        var config = connector(farm.baseUrl(), new ConnectorPolicy(true, false, "http://farm.example.com:8088"));

        RepairOutcome outcome = repair(config, record, InvoiceContract.check(record));

        assertThat(outcome.failure()).isEqualTo(DeadLetterReason.REPAIR_UNAVAILABLE);
        assertThat(outcome.detail())
                .isEqualTo("source_of_truth_url refused: host farm.example.com port 8088 is not on the allow-list "
                        + "(DCL_ALLOWED_SOURCES)");
        assertThat(outcome.repaired()).isNull();
        assertThat(farm.getAllServeEvents()).isEmpty();
    }

    private RepairOutcome repair(com.autonomos.handshake.dcl.connector.ConnectorConfig config, ObjectNode record,
            List<DriftItem> drift) {
        return repairer.repair(config, record, drift).block(Duration.ofSeconds(10));
    }

    private static void stubTruth(String id) {
        farm.stubFor(get(urlPathEqualTo(SOURCE + id)).willReturn(okJson(truthBody(id))));
    }

    private static void stubVerified(String id) {
        farm.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(okJson(verifiedBody(id))));
    }

}
