package com.autonomos.handshake.aod.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.HttpJson;
import com.autonomos.handshake.testing.HttpJson.Answer;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DCL_URL lists two workers of a DCL cluster; the first is down (nothing listens on its port). The handoff goes to
 * the next one, and later handoffs start from the worker that answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aod.dcl-provision-token=test-token",
        "resilience4j.retry.instances.dcl.wait-duration=10ms"})
class HandoffFailoverTests {

    @RegisterExtension
    static final WireMockExtension peers = WireMockPeer.onAFreePort();
    static final String DEAD_DCL = "http://localhost:" + HandoffWhenDclIsDownTests.freePort();

    @BeforeEach
    void farmAndSecondDclAnswer() {
        peers.stubFor(get("/api/stream/synthetic/mulesoft/sample")
                .willReturn(okJson("{\"invoice_id\":\"INV-000001\",\"vendor\":{},\"total_amount\":1}")));
        peers.stubFor(post("/api/ingest/provision").willReturn(okJson("""
                {"status":"provisioned","connector_id":"mule_auto_01","version":4,"target_url":"%s",
                 "previous_target_url":null}""".formatted("http://x/y"))));
    }

    @DynamicPropertySource
    static void twoDclWorkersTheFirstDown(DynamicPropertyRegistry registry) {
        registry.add("aod.dcl-url", () -> DEAD_DCL + ", " + peers.baseUrl());
        registry.add("aod.farm-api-url", peers::baseUrl);
    }

    @LocalServerPort
    int port;

    @Test
    void theHandoffGoesToTheNextWorkerWhenOneDoesNotAnswer() {
        Answer first = HttpJson.onPort(port).post("/api/actions/provision-connector");

        assertThat(first.status()).as(first.json().toString()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("Provisioning Command Sent");
        assertThat(first.json().at("/dcl/version").asLong()).isEqualTo(4);
        assertThat(peers.findAll(postRequestedFor(urlEqualTo("/api/ingest/provision")))).hasSize(1);

        Answer second = HttpJson.onPort(port).post("/api/actions/provision-connector");

        assertThat(second.status()).isEqualTo(200);
        // the worker that answered is asked first now: one more request to it, none lost on the dead one
        assertThat(peers.findAll(postRequestedFor(urlEqualTo("/api/ingest/provision")))).hasSize(2);
    }
}
