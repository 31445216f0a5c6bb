package com.autonomos.handshake.dcl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.EnvelopeMeta;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.connector.ConnectorApiSlice;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A connector's recent records and dead letters: newest first, bounded by {@code limit} (1 to 1000). */
@WebMvcTest(RecordsController.class)
@Import({ConnectorApiSlice.class, RecordsApiSlice.class})
class RecordsApiTests {

    private static final Instant TS = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    RecentRecords recent;

    @Autowired
    ObjectMapper mapper;

    @BeforeEach
    void seventyRecordsAndThreeDeadLetters() {
        registry.provision(new ProvisioningPackage("shelf", "mulesoft_stream", "http://localhost:8088/shelf",
                ConnectorPolicy.repairing()));
        recent.release("shelf");
        List<DeliveredRecord> delivered = IntStream.rangeClosed(1, 70).mapToObj(i -> {
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("invoice_id", "INV-%06d".formatted(i));
            return new DeliveredRecord(new EnvelopeMeta("shelf", 1, "mulesoft_stream", TS, "trace-" + i, false,
                    List.of(), List.of(), null, null, null, null), payload);
        }).toList();
        List<DeadLetter> dead = IntStream.rangeClosed(1, 3).mapToObj(i -> new DeadLetter("shelf", 1,
                DeadLetterReason.MALFORMED, "malformed JSON", "{broken-" + i, false, TS)).toList();
        recent.add("shelf", delivered, dead);
    }

    private JsonNode json(MvcTestResult result) throws Exception {
        assertThat(result).hasStatusOk();
        return mapper.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void recordsAreNewestFirstFiftyByDefault() throws Exception {
        JsonNode records = json(mvc.get().uri("/api/connectors/shelf/records").exchange());

        assertThat(records.size()).isEqualTo(50);
        assertThat(records.get(0).get("payload").get("invoice_id").asString()).isEqualTo("INV-000070");
        assertThat(records.get(49).get("payload").get("invoice_id").asString()).isEqualTo("INV-000021");
        assertThat(records.get(0).get("meta").get("trace_id").asString()).isEqualTo("trace-70");
    }

    @Test
    void theLimitBoundsRecordsAndDeadLetters() throws Exception {
        assertThat(json(mvc.get().uri("/api/connectors/shelf/records?limit=1000").exchange()).size()).isEqualTo(70);
        JsonNode two = json(mvc.get().uri("/api/connectors/shelf/dead-letters?limit=2").exchange());
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.get(0).get("raw").asString()).isEqualTo("{broken-3");
        assertThat(two.get(0).get("reason").asString()).isEqualTo("malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-5"})
    void aLimitOutOfRangeIsRefusedWithTheParameterNamed(String limit) throws Exception {
        MvcTestResult result = mvc.get().uri("/api/connectors/shelf/records?limit=" + limit).exchange();

        // parameter validation answers like every other validation failure of this service: 422 with the errors
        assertThat(result).hasStatus(422);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(result.getResponse().getContentAsString())
                .contains("\"type\":\"https://aos-handshake/problems/validation\"")
                .contains("\"errors\":[{\"parameter\":\"limit\",\"detail\":\"");
    }

    @Test
    void anUnknownConnectorIsNotFound() {
        MvcTestResult result = mvc.get().uri("/api/connectors/nobody/records").exchange();

        assertThat(result).hasStatus(404);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
    }
}
