package com.autonomos.handshake.aod.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.HttpJson;
import com.autonomos.handshake.testing.HttpJson.Answer;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** DCL is not running at all: nothing listens on its port, every connect is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aod.dcl-provision-token=test-token",
        "resilience4j.retry.instances.dcl.wait-duration=10ms"})
class HandoffWhenDclIsDownTests {

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.onAFreePort();
    static final String DEAD_DCL = "http://localhost:" + freePort();

    @BeforeEach
    void theFarmServesASample() {
        farm.stubFor(get("/api/stream/synthetic/mulesoft/sample")
                .willReturn(okJson("{\"invoice_id\":\"INV-000001\",\"vendor\":{},\"total_amount\":1}")));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void pointAodAtADeadDcl(DynamicPropertyRegistry registry) {
        registry.add("aod.dcl-url", () -> DEAD_DCL);
        registry.add("aod.farm-api-url", farm::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aRefusedConnectionToDclIsServiceUnavailableAfterRetries() {
        double before = meters.get("aod.handoffs").tag("outcome", "dcl_unavailable").counter().count();

        Answer answer = HttpJson.onPort(port).post("/api/actions/provision-connector");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/dcl-unavailable");
        assertThat(problem.get("title").asString()).isEqualTo("DCL unreachable");
        assertThat(problem.get("outcome").asString()).isEqualTo("dcl_unavailable");
        assertThat(problem.get("attempts").asInt()).isEqualTo(3);
        assertThat(problem.get("detail").asString())
                .startsWith("DCL unreachable: POST " + DEAD_DCL + "/api/ingest/provision failed after 3 attempts: ")
                .containsIgnoringCase("connection refused");
        assertThat(problem.get("target_url").asString())
                .isEqualTo(farm.baseUrl() + "/api/stream/synthetic/mulesoft?chaos=true");
        assertThat(answer.text()).doesNotContain("Provisioning Command Sent");
        assertThat(meters.get("aod.handoffs").tag("outcome", "dcl_unavailable").counter().count())
                .isEqualTo(before + 1);
    }
}
