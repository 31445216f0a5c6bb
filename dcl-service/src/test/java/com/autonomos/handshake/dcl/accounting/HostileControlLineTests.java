package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Control lines as an attacker writes them (issue 10, finding 1): an announced delay that overflows a long, a double
 * of 1e300 or a negative number must settle as one line (control, or an {@code invalid_control} dead letter) while
 * every other line read is delivered; an absurd announcement must not switch stall detection off; and a redirect is
 * reported as refused rather than as a stream that ended.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false",
        "dcl.ingest.reconnect.initial-backoff=200ms",
        "dcl.ingest.reconnect.max-backoff=1s",
        "dcl.ingest.read-idle-timeout=2s",
        "dcl.ingest.spike-margin=1s",
        "dcl.ingest.max-announced-stall=1s"})
class HostileControlLineTests {

    private static final List<String> CLEAN = new String(new FarmStream(StreamSpec.of(5).withLimit(600)).toBytes(),
            StandardCharsets.UTF_8).lines().toList();

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.keepingStubsAcrossTests();
    static HttpServer server;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void startRawServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterAll
    static void stopRawServer() {
        server.stop(0);
    }

    @LocalServerPort
    int port;

    DclApi dcl;

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void aDelayThatOverflowsALongIsOneControlLineAndEveryOtherLineIsDelivered() {
        JsonNode t = streamWithMarkerInTheMiddle("long-max", "9223372036854775807");
        assertThat(t.get("delivered").asLong()).isEqualTo(600);
        assertThat(t.get("control").asLong()).isEqualTo(1);
        assertThat(t.get("dead_lettered").asLong()).isZero();
    }

    @Test
    void aDelayOfOneE300IsOneControlLineAndEveryOtherLineIsDelivered() {
        JsonNode t = streamWithMarkerInTheMiddle("one-e300", "1e300");
        assertThat(t.get("delivered").asLong()).isEqualTo(600);
        assertThat(t.get("control").asLong()).isEqualTo(1);
    }

    @Test
    void aNegativeDelayIsDeadLetteredInvalidControlAndEveryOtherLineIsDelivered() {
        JsonNode t = streamWithMarkerInTheMiddle("negative", "-9223372036854775808");
        assertThat(t.get("delivered").asLong()).isEqualTo(600);
        assertThat(t.get("control").asLong()).isZero();
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(1);
        List<JsonNode> letters = dcl.awaitFile("negative", "dead-letters.ndjson", 1);
        assertThat(letters.get(0).get("reason").asString()).isEqualTo("invalid_control");
    }

    @Test
    void anAbsurdAnnouncedStallIsClampedSoADeadStreamIsStillDetected() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        server.createContext("/stall", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((CLEAN.get(0) + "\n{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":100000000}\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                done.await(30, TimeUnit.SECONDS); // then silence: a dead stream that announced a 3-year spike
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // DCL hung up, as it should
            }
        });
        try {
            dcl.provision("stall", "http://127.0.0.1:" + server.getAddress().getPort() + "/stall", DclApi.repairing());
            // max-announced-stall 1s + spike-margin 1s, checked at the 2s idle timeout: well within 15s
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                JsonNode status = dcl.getJson("/api/connectors/stall");
                assertThat(status.get("last_error").asString()).isEqualTo("no data within the read idle timeout");
            });
        } finally {
            done.countDown();
        }
    }

    @Test
    void aRedirectIsReportedAsRefusedInLastError() {
        upstream.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        dcl.provision("moved", upstream.baseUrl() + "/moved", DclApi.repairing());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = dcl.getJson("/api/connectors/moved");
            assertThat(status.get("last_error").asString()).contains("redirect refused").contains("HTTP 302")
                    .contains("to http://169.254.169.254/latest/meta-data");
            assertThat(status.get("last_error_at").isNull()).isFalse();
        });
    }

    @Test
    void aRelativeRedirectNamesTheAddressItPointsTo() {
        upstream.stubFor(get(urlPathEqualTo("/relative")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "/elsewhere?x=1")));
        dcl.provision("relative", upstream.baseUrl() + "/relative", DclApi.repairing());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                dcl.getJson("/api/connectors/relative").get("last_error").asString())
                .isEqualTo("redirect refused: HTTP 307 to " + upstream.baseUrl() + "/elsewhere?x=1; DCL does not "
                        + "follow redirects, provision the final URL instead"));
    }

    /** 300 clean lines, the control line with the given delay, 300 more; waits until all 601 are settled. */
    private JsonNode streamWithMarkerInTheMiddle(String connectorId, String delay) {
        String body = String.join("\n", CLEAN.subList(0, 300)) + "\n"
                + "{\"_chaos\":\"latency_spike_starting\",\"delay_seconds\":" + delay + "}\n"
                + String.join("\n", CLEAN.subList(300, 600)) + "\n";
        upstream.stubFor(get(urlPathEqualTo("/" + connectorId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson").withBody(body)));
        dcl.provision(connectorId, upstream.baseUrl() + "/" + connectorId, DclApi.repairing());
        JsonNode t = dcl.awaitSettled(connectorId, 601, Duration.ofSeconds(30));
        assertThat(t.get("lines_received").asLong()).isEqualTo(601);
        assertThat(t.get("in_flight").asLong()).isZero();
        assertThat(t.get("delivered").asLong() + t.get("dead_lettered").asLong() + t.get("control").asLong())
                .isEqualTo(601);
        return t;
    }
}
