package com.autonomos.handshake.aod.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.CanonicalInvoice;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.autonomos.handshake.aod.AodProperties;
import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** The scanner against WireMock playing the Farm. */
class MuleSoftScannerTests {

    static final String SAMPLE_PATH = "/api/stream/synthetic/mulesoft/sample";
    static final String INVOICE = CanonicalInvoice.line();

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.onAFreePort();
    static final ScanProperties PROPERTIES =
            new ScanProperties(Duration.ofMillis(1000), Duration.ofMillis(1000), DataSize.ofKilobytes(64));

    @BeforeAll
    static void warmUpTheClient() {
        // The first request of a JVM loads the HTTP stack; keep that cost out of the timeout cases.
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson(INVOICE)));
        scannerFor(farm.baseUrl()).scan();
    }

    private static MuleSoftScanner scannerFor(String farmUrl) {
        AodProperties aod = new AodProperties("http://localhost:5000", farmUrl, "", "");
        return new MuleSoftScanner(aod, PROPERTIES, WebClient.builder(), JsonMapper.builder().build());
    }

    @Test
    void anInvoiceSampleIsADetectionWithConfidence098() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson(INVOICE)));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.platform()).isEqualTo("mulesoft");
        assertThat(detection.detectedUrl()).isEqualTo(farm.baseUrl() + "/api/stream/synthetic/mulesoft");
        assertThat(detection.relatedAsset()).isEqualTo("salesforce_crm");
        assertThat(detection.confidence()).isEqualTo(0.98);
        assertThat(detection.probe().reachable()).isTrue();
        assertThat(detection.probe().httpStatus()).isEqualTo(200);
        assertThat(detection.probe().looksLikeInvoices()).isTrue();
        assertThat(detection.probe().detail()).startsWith("invoice record " + CanonicalInvoice.ID);
        farm.verify(1, getRequestedFor(urlEqualTo(SAMPLE_PATH)));
    }

    @Test
    void theRouteIsDerivedFromTheConfiguredFarmUrlEvenWithATrailingSlash() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson(INVOICE)));

        MiddlewareDetection detection = scannerFor(farm.baseUrl() + "/").scan();

        assertThat(detection.detectedUrl()).isEqualTo(farm.baseUrl() + "/api/stream/synthetic/mulesoft");
        assertThat(detection.confidence()).isEqualTo(0.98);
    }

    @Test
    void aReachableRouteThatDoesNotServeInvoicesHasLowConfidenceAndSaysWhy() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson("{\"status\":\"ok\",\"items\":[]}")));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.4);
        assertThat(detection.probe().reachable()).isTrue();
        assertThat(detection.probe().httpStatus()).isEqualTo(200);
        assertThat(detection.probe().looksLikeInvoices()).isFalse();
        assertThat(detection.probe().detail())
                .isEqualTo("sample is a JSON object without invoice fields (invoice_id missing, invoice fields [])");
    }

    @Test
    void aSampleThatIsNotJsonHasLowConfidence() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(aResponse().withStatus(200).withBody("<html>hello</html>")));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.4);
        assertThat(detection.probe().reachable()).isTrue();
        assertThat(detection.probe().detail()).startsWith("sample is not JSON");
    }

    @Test
    void anArraySampleIsNotAnInvoice() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson("[" + INVOICE + "]")));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.4);
        assertThat(detection.probe().detail()).isEqualTo("sample is JSON but not an object (ARRAY)");
    }

    @Test
    void aSampleLargerThanTheLimitIsReachableButNotAnInvoice() {
        String huge = "{\"invoice_id\":\"INV-000001\",\"notes\":\"" + "x".repeat(70 * 1024) + "\"}";
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson(huge)));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.4);
        assertThat(detection.probe().reachable()).isTrue();
        assertThat(detection.probe().detail()).isEqualTo("sample is larger than 64 KB");
    }

    @Test
    void aServerErrorMeansTheRouteIsNotReachable() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(aResponse().withStatus(500).withBody("boom")));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.0);
        assertThat(detection.probe().reachable()).isFalse();
        assertThat(detection.probe().httpStatus()).isEqualTo(500);
        assertThat(detection.probe().looksLikeInvoices()).isFalse();
        assertThat(detection.probe().detail())
                .isEqualTo("GET " + farm.baseUrl() + SAMPLE_PATH + " answered HTTP 500");
    }

    @Test
    void aRefusedConnectionMeansTheRouteIsNotReachable() throws IOException {
        String deadFarm = "http://localhost:" + freePort();

        MiddlewareDetection detection = scannerFor(deadFarm).scan();

        assertThat(detection.detectedUrl()).isEqualTo(deadFarm + "/api/stream/synthetic/mulesoft");
        assertThat(detection.confidence()).isEqualTo(0.0);
        assertThat(detection.probe().reachable()).isFalse();
        assertThat(detection.probe().httpStatus()).isZero();
        assertThat(detection.probe().detail())
                .startsWith("GET " + deadFarm + SAMPLE_PATH + " could not connect: ")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void aRouteSlowerThanTheProbeTimeoutIsNotReachable() {
        farm.stubFor(get(SAMPLE_PATH).willReturn(okJson(INVOICE).withFixedDelay(3_000)));

        MiddlewareDetection detection = scannerFor(farm.baseUrl()).scan();

        assertThat(detection.confidence()).isEqualTo(0.0);
        assertThat(detection.probe().reachable()).isFalse();
        assertThat(detection.probe().httpStatus()).isZero();
        assertThat(detection.probe().detail())
                .isEqualTo("GET " + farm.baseUrl() + SAMPLE_PATH + " gave no answer within 1000 ms");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
