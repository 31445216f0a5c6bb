package com.autonomos.handshake.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * WireMock playing a peer (the Farm, DCL, an upstream), the one way the tests start it: a JUnit 5 extension on a free
 * port, registered with {@code @RegisterExtension}. As a {@code static} field it starts before the class's first
 * test and stops after its last, so a {@code @DynamicPropertySource} may hand {@code peer::baseUrl} to Spring (read
 * lazily, once the peer listens); as an instance field each test gets a fresh one.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WireMockExtension farm = WireMockPeer.onAFreePort();
 *
 * @DynamicPropertySource
 * static void pointAtTheFarm(DynamicPropertyRegistry registry) {
 *     registry.add("aod.farm-api-url", farm::baseUrl);
 * }
 * }</pre>
 */
public final class WireMockPeer {

    private WireMockPeer() {
    }

    /** Stubs and request journal reset before each test. */
    public static WireMockExtension onAFreePort() {
        return onAFreePort(wireMockConfig());
    }

    /** With other options (threads, bind address); the port is always a free one. */
    public static WireMockExtension onAFreePort(WireMockConfiguration options) {
        return WireMockExtension.newInstance().options(options.dynamicPort()).build();
    }

    /**
     * Stubs kept from test to test: for a class that stubs once in {@code @BeforeAll}, or whose connectors from an
     * earlier test still read from the peer.
     */
    public static WireMockExtension keepingStubsAcrossTests() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).resetOnEachTest(false).build();
    }
}
