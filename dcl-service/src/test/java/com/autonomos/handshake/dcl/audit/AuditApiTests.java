package com.autonomos.handshake.dcl.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.connector.ConnectorApiSlice;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.dcl.telemetry.IngestTelemetry;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The audit resource: the connector's counters against the sink's recount, as the sink reports it. A fresh connector
 * has counted nothing, so what the sink reports decides the verdict.
 */
@WebMvcTest(AuditController.class)
@Import({ConnectorApiSlice.class, AuditApiTests.Meters.class})
@ExtendWith(OutputCaptureExtension.class)
class AuditApiTests {

    @TestConfiguration(proxyBeanMethods = false)
    @Import(IngestTelemetry.class)
    static class Meters {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SharedCounters sharedCounters() {
            return SharedCounters.NONE;
        }
    }

    @MockitoBean
    RecordSink sink;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void aFreshConnector() {
        registry.provision(new ProvisioningPackage("ledger", "mulesoft_stream", "http://localhost:8088/ledger",
                ConnectorPolicy.repairing()));
    }

    private JsonNode audit() throws Exception {
        MvcTestResult result = mvc.get().uri("/api/connectors/ledger/audit").exchange();
        assertThat(result).hasStatusOk();
        return mapper.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void storesThatHoldWhatWasCountedAreBalanced() throws Exception {
        given(sink.stored("ledger")).willReturn(new StoredCounts(0, 0));

        JsonNode audit = audit();

        assertThat(audit.get("connector_id").asString()).isEqualTo("ledger");
        assertThat(audit.get("counted").get("delivered").asLong()).isZero();
        assertThat(audit.get("stored").get("delivered").asLong()).isZero();
        assertThat(audit.get("balanced").asBoolean()).isTrue();
    }

    @Test
    void storesHoldingMoreThanWasCountedAreUnbalancedAndWarnedOnceForTheSameImbalance(CapturedOutput output)
            throws Exception {
        given(sink.stored("ledger")).willReturn(new StoredCounts(5, 1));

        JsonNode audit = audit();
        audit();

        assertThat(audit.get("stored").get("delivered").asLong()).isEqualTo(5);
        assertThat(audit.get("stored").get("dead_lettered").asLong()).isEqualTo(1);
        assertThat(audit.get("counted").get("delivered").asLong()).isZero();
        assertThat(audit.get("balanced").asBoolean()).isFalse();
        assertThat(output.getOut().lines().filter(l -> l.contains("Audit unbalanced connector=ledger"))).hasSize(1);
    }

    @Test
    void anUnknownOrInvalidIdIsRefusedBeforeAnythingIsRecounted() {
        assertThat(mvc.get().uri("/api/connectors/nobody/audit").exchange()).hasStatus(404);
        assertThat(mvc.get().uri("/api/connectors/Bad.Id/audit").exchange()).hasStatus(400);
    }
}
