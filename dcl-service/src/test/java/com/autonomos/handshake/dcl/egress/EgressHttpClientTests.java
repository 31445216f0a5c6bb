package com.autonomos.handshake.dcl.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EgressHttpClientTests {

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.onAFreePort(wireMockConfig().bindAddress("127.0.0.1"));

    private AllowListEgressPolicy policy;

    @BeforeEach
    void setUp() {
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

        String body = policy.httpClient().get().uri("http://farm.test:" + upstream.getPort() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10));

        assertThat(body).isEqualTo("ok");
        upstream.verify(1, getRequestedFor(urlEqualTo("/sample")));
    }

    @Test
    void refusesToConnectWhenAnAllowedNameResolvesToAMetadataAddress() {
        assertThatThrownBy(() -> policy.httpClient().get().uri("http://rebind.test:" + upstream.getPort() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessageContaining("resolved to 169.254.169.254");
    }

    @Test
    void refusesALiteralAddressThatIsNotOnTheListEvenWithoutCheck() {
        assertThatThrownBy(() -> policy.httpClient().get().uri("http://127.0.0.2:" + upstream.getPort() + "/sample")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessageContaining("host 127.0.0.2 port " + upstream.getPort() + " is not on the allow-list");
        upstream.verify(0, getRequestedFor(urlEqualTo("/sample")));
    }

    @Test
    void doesNotFollowARedirectToAnotherHost() {
        upstream.stubFor(get("/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + upstream.getPort() + "/elsewhere")));
        upstream.stubFor(get("/elsewhere").willReturn(aResponse().withStatus(200).withBody("followed")));

        int status = policy.httpClient().get().uri("http://farm.test:" + upstream.getPort() + "/moved")
                .response().map(response -> response.status().code()).block(Duration.ofSeconds(10));

        assertThat(status).isEqualTo(302);
        upstream.verify(1, getRequestedFor(urlEqualTo("/moved")));
        upstream.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }
}
