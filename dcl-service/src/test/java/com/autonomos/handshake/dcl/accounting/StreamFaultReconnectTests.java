package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Each way a stream can fail (an HTTP error, a reset, a malformed chunk, a stall past the idle timeout, a refused
 * connection, a close in the middle of a record) shows the connector RECONNECTING with its error through the lifecycle
 * API and the telemetry, counts its reconnects, and loses or double-counts no line once the stream heals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.read-idle-timeout=3s",
        "dcl.ingest.reconnect.on-end=false",
        "dcl.ingest.reconnect.initial-backoff=400ms",
        "dcl.ingest.reconnect.max-backoff=1s"})
class StreamFaultReconnectTests {

    /** The stream once healed: 20 clean records of seed 5. */
    private static final String HEALTHY = new String(
            new FarmStream(StreamSpec.of(5).withTruth(Truth.STREAM).withLimit(20)).toBytes(), StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.keepingStubsAcrossTests();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    DclApi dcl;

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void aServerErrorShowsReconnectingThenHealsWithExactCounts() {
        assertReconnectsTwiceThenHeals("http-500", aResponse().withStatus(500), "HTTP 500 from ");
    }

    @Test
    void aNotFoundShowsReconnectingThenHealsWithExactCounts() {
        assertReconnectsTwiceThenHeals("http-404", aResponse().withStatus(404), "HTTP 404 from ");
    }

    @Test
    void aConnectionResetShowsReconnectingThenHealsWithExactCounts() {
        assertReconnectsTwiceThenHeals("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "");
    }

    @Test
    void aMalformedResponseChunkShowsReconnectingThenHealsWithExactCounts() {
        assertReconnectsTwiceThenHeals("bad-chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), "");
    }

    @Test
    void aStallBeyondTheIdleTimeoutShowsReconnectingThenHealsWithExactCounts() {
        assertReconnectsTwiceThenHeals("stall", ndjson(HEALTHY.lines().findFirst().orElseThrow() + "\n")
                .withFixedDelay(8000), "no data within the read idle timeout");
    }

    @Test
    void aRefusedConnectionShowsReconnectingUntilTheUpstreamListensThenHealsWithExactCounts() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        dcl.provision("refused", "http://127.0.0.1:" + port + "/stream", DclApi.repairing());
        awaitReconnecting("refused", "refused");
        await().atMost(Duration.ofSeconds(10)).until(() -> reconnects("refused") >= 2);

        HttpServer late = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        late.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            byte[] body = HEALTHY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        late.start();
        try {
            assertHealed("refused");
        } finally {
            late.stop(0);
        }
    }

    @Test
    void anUpstreamThatClosesMidRecordIsReconnectingAndThePartialLineIsNotCounted() throws Exception {
        String threeRecordsAndAHalf = HEALTHY.lines().limit(3).collect(Collectors.joining("\n", "", "\n"))
                + "{\"invoice_id\":\"INV-0000";
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n"
                            + threeRecordsAndAHalf).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException ignored) {
                    // closed
                }
            }
        });
        acceptor.start();
        try {
            dcl.provision("mid-record", "http://127.0.0.1:" + server.getLocalPort() + "/stream", DclApi.repairing());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(dcl.telemetry("mid-record").get("delivered").asLong()).isGreaterThanOrEqualTo(6);
                assertThat(dcl.getJson("/api/connectors/mid-record").get("last_error").asString())
                        .containsIgnoringCase("closed");
            });
            // stops reading and keeps the meters (a delete removes them once settled)
            assertThat(dcl.send("POST", "/api/connectors/mid-record/pause", null).status()).isBetween(200, 202);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(dcl.getJson("/api/connectors/mid-record").get("state").asString()).isEqualTo("PAUSED"));
            JsonNode t = dcl.awaitSettled("mid-record", dcl.telemetry("mid-record").get("lines_read").asLong(),
                    Duration.ofSeconds(20));
            assertThat(t.get("lines_read").asLong() % 3).isZero();
            assertThat(t.get("delivered").asLong()).isEqualTo(t.get("lines_read").asLong());
            assertThat(t.get("dead_lettered").asLong()).isZero();
        } finally {
            server.close();
        }
    }

    /** The fault twice, then the healthy stream: exactly two reconnects, and exactly the healthy lines counted. */
    private void assertReconnectsTwiceThenHeals(String connectorId, ResponseDefinitionBuilder fault, String error) {
        String path = "/" + connectorId;
        upstream.stubFor(get(urlPathEqualTo(path)).inScenario(connectorId).whenScenarioStateIs(STARTED)
                .willReturn(fault).willSetStateTo("failed once"));
        upstream.stubFor(get(urlPathEqualTo(path)).inScenario(connectorId).whenScenarioStateIs("failed once")
                .willReturn(fault).willSetStateTo("healed"));
        upstream.stubFor(get(urlPathEqualTo(path)).inScenario(connectorId).whenScenarioStateIs("healed")
                .willReturn(ndjson(HEALTHY)));

        dcl.provision(connectorId, upstream.baseUrl() + path, DclApi.repairing());

        awaitReconnecting(connectorId, error);
        JsonNode healed = assertHealed(connectorId);
        assertThat(reconnects(connectorId)).isEqualTo(2);
        assertThat(dcl.getJson("/api/connectors/" + connectorId).get("last_error").asString()).contains(error);
        assertThat(healed.get("last_error").asString()).contains(error);
    }

    private void awaitReconnecting(String connectorId, String error) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            JsonNode status = dcl.getJson("/api/connectors/" + connectorId);
            assertThat(status.get("state").asString()).isEqualTo("RECONNECTING");
            assertThat(status.get("last_error").asString()).isNotBlank().containsIgnoringCase(error);
        });
    }

    /** Settled, exactly the 20 healthy lines delivered, balanced, RUNNING; the telemetry entry at that point. */
    private JsonNode assertHealed(String connectorId) {
        JsonNode t = dcl.awaitSettled(connectorId, 20, Duration.ofSeconds(20));
        assertThat(t.get("lines_received").asLong()).isEqualTo(20);
        assertThat(t.get("delivered").asLong()).isEqualTo(20);
        assertThat(t.get("dead_lettered").asLong()).isZero();
        assertThat(t.get("control").asLong()).isZero();
        dcl.assertBalanced(connectorId, t);
        assertThat(dcl.getJson("/api/connectors/" + connectorId).get("state").asString()).isEqualTo("RUNNING");
        assertThat(dcl.awaitFile(connectorId, "records.ndjson", 20)).extracting(r -> r.get("payload")
                .get("_stream_meta").get("record_number").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        return t;
    }

    private long reconnects(String connectorId) {
        return (long) meters.get("dcl.stream.reconnects").tag("connector", connectorId).counter().count();
    }

    private static ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body);
    }
}
