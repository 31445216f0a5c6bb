package com.autonomos.handshake.dcl.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EgressHttpClientTests {

    private static final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    private AllowListEgressPolicy policy;

    @BeforeAll
    static void start() {
        upstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.stop();
    }

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        // farm.test and rebind.test are both allowed; only farm.test resolves to a harmless address.
        policy = new AllowListEgressPolicy(List.of("farm.test", "rebind.test", "127.0.0.1"), host -> switch (host) {
            case "farm.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            case "rebind.test" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            default -> throw new UnknownHostException(host);
        });
    }

    @Test
    void connectsToAnAllowedNameThroughTheCheckingResolver() {
        upstream.stubFor(get("/sample").willReturn(aResponse().withStatus(200).withBody("ok")));

        String body = policy.httpClient().get().uri("http://farm.test:" + upstream.port() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10));

        assertThat(body).isEqualTo("ok");
        upstream.verify(1, getRequestedFor(urlEqualTo("/sample")));
    }

    @Test
    void refusesToConnectWhenAnAllowedNameResolvesToAMetadataAddress() {
        assertThatThrownBy(() -> policy.httpClient().get().uri("http://rebind.test:" + upstream.port() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessageContaining("resolved to 169.254.169.254");
    }

    @Test
    void refusesALiteralAddressThatIsNotOnTheListEvenWithoutCheck() {
        assertThatThrownBy(() -> policy.httpClient().get().uri("http://127.0.0.2:" + upstream.port() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessageContaining("host 127.0.0.2 port " + upstream.port() + " is not on the allow-list");
        upstream.verify(0, getRequestedFor(urlEqualTo("/sample")));
    }

    @Test
    void doesNotFollowARedirectToAnotherHost() {
        upstream.stubFor(get("/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + upstream.port() + "/elsewhere")));
        upstream.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(200).withBody("followed")));

        int status = policy.httpClient().get().uri("http://farm.test:" + upstream.port() + "/moved")
                .response().map(response -> response.status().code()).block(Duration.ofSeconds(10));

        assertThat(status).isEqualTo(302);
        upstream.verify(1, getRequestedFor(urlEqualTo("/moved")));
        upstream.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }
}
