package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.dcl.sink.DeliveredRecord;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An {@link Error} that ends a connection's pipeline (here: a sink that throws one on every write): every line read is
 * still settled, as a {@code stream_aborted} dead letter, and the connector is FAILED with the reason rather than left
 * reconnecting with lines in flight forever; a sink that refuses a batch with an exception makes its lines
 * {@code processing_failed} dead letters and the stream goes on (issue 10, finding 1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false"})
class FatalPipelineErrorTests {

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.keepingStubsAcrossTests();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void stubTheUpstream() {
        for (String path : List.of("/doomed", "/flaky")) {
            upstream.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-ndjson").withBody(new String(
                            new FarmStream(StreamSpec.of(5).withLimit(20)).toBytes(), StandardCharsets.UTF_8))));
        }
    }

    @TestConfiguration
    static class BrokenSink {
        @Bean
        @Primary
        RecordSink throwingSink() {
            return new RecordSink() {
                private final java.util.concurrent.atomic.AtomicLong deadLettersTaken = new java.util.concurrent.atomic.AtomicLong();

                @Override
                public void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters) {
                    if (connectorId.equals("flaky")) {
                        if (!records.isEmpty()) { // refuses envelopes, takes dead letters
                            throw new IllegalStateException("simulated full disk");
                        }
                        deadLettersTaken.addAndGet(deadLetters.size());
                        return;
                    }
                    throw new Error("simulated fatal sink error");
                }

                @Override
                public void flush() {
                }

                @Override
                public void release(String connectorId) {
                }

                @Override
                public StoredCounts stored(String connectorId) {
                    return new StoredCounts(0, connectorId.equals("flaky") ? deadLettersTaken.get() : 0);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyLineReadIsSettledStreamAbortedAndTheConnectorIsFailedWithTheReason() {
        DclApi dcl = new DclApi(port, dataDir);
        dcl.provision("doomed", upstream.baseUrl() + "/doomed", DclApi.repairing());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = dcl.getJson("/api/connectors/doomed");
            assertThat(status.get("state").asString()).isEqualTo("FAILED");
            assertThat(status.get("last_error").asString()).contains("fatal error in the pipeline")
                    .contains("simulated fatal sink error");
        });
        JsonNode t = dcl.awaitSettled("doomed", 20, Duration.ofSeconds(10));
        assertThat(t.get("lines_received").asLong()).isEqualTo(20);
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(20);
        assertThat(meters.get("dcl.dead.letters").tag("connector", "doomed").tag("reason", "stream_aborted")
                .counter().count()).isEqualTo(20);
    }

    @Test
    void aSinkThatRefusesABatchMakesItsLinesProcessingFailedAndTheConnectorKeepsReading() {
        DclApi dcl = new DclApi(port, dataDir);
        dcl.provision("flaky", upstream.baseUrl() + "/flaky", DclApi.repairing());

        JsonNode t = dcl.awaitSettled("flaky", 20, Duration.ofSeconds(30));
        assertThat(t.get("lines_received").asLong()).isEqualTo(20);
        assertThat(t.get("delivered").asLong()).isZero();
        assertThat(meters.get("dcl.dead.letters").tag("connector", "flaky").tag("reason", "processing_failed")
                .counter().count()).isEqualTo(20);
        assertThat(dcl.getJson("/api/connectors/flaky").get("state").asString()).isNotEqualTo("FAILED");
    }
}
