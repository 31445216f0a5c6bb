package com.autonomos.handshake.dcl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator gets from DCL: probes (readiness names a FAILED connector, liveness ignores it), build info,
 * Prometheus meters of a real ingest, the OpenAPI document, and no other actuator endpoint. The data directory holds a
 * connector whose stored configuration is garbled, so this DCL is live but not ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.ingest.reconnect.initial-backoff=50ms",
        "dcl.ingest.reconnect.max-backoff=50ms"})
class OperationsTests {

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.keepingStubsAcrossTests();

    @DynamicPropertySource
    static void dataDirWithAGarbledConnector(DynamicPropertyRegistry registry) {
        try {
            Files.createDirectories(dataDir.resolve("garbled"));
            Files.writeString(dataDir.resolve("garbled/connector.json"), "{\"format\":1,\"connector_id\":\"garb");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ConnectorRegistry registry;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private HttpResponse<String> call(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(HttpResponse<String> response) {
        return mapper.readTree(response.body());
    }

    /** Serves {@code lines} once, then holds every later request (so the reconnect count stays put). */
    private String serveOnce(String path, String... lines) {
        String scenario = "once " + path;
        farm.stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson")
                        .withBody(String.join("\n", lines) + "\n"))
                .willSetStateTo("served"));
        farm.stubFor(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("served")
                .willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson").withFixedDelay(60_000)));
        return farm.baseUrl() + path;
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void readinessIsDownNamingTheFailedConnectorWhileLivenessStaysUp() {
        HttpResponse<String> readiness = call("/actuator/health/readiness");
        HttpResponse<String> liveness = call("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode connectors = json(readiness).at("/components/connectors");
        assertThat(connectors.get("status").asString()).isEqualTo("DOWN");
        assertThat(connectors.at("/details/failed/garbled").asString())
                .startsWith("stored configuration unreadable: connector.json is not a valid connector file");
        assertThat(connectors.at("/details/connectors/garbled/state").asString()).isEqualTo("FAILED");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
        // the process alone, never a connector or a neighbour
        assertThat(json(liveness).get("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void infoCarriesTheBuildAndTheGitCommit() {
        JsonNode info = json(call("/actuator/info"));

        assertThat(info.at("/build/artifact").asString()).isEqualTo("dcl-service");
        assertThat(info.at("/build/version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.at("/git/commit/id").asString()).matches("[0-9a-f]{7,40}");
    }

    @Test
    void onlyHealthInfoPrometheusAndMetricsAreExposed() {
        assertThat(json(call("/actuator")).get("_links").propertyNames())
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus", "metrics",
                        "metrics-requiredMetricName");
        assertThat(call("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(call("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(call("/actuator/heapdump").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusShowsAnIngestBrokenDownByConnectorAndReason() {
        ConnectorPolicy asRead = new ConnectorPolicy(false, false, null); // no repair: no Farm calls
        registry.provision(new ProvisioningPackage("ops", ProvisioningPackage.MULESOFT_STREAM,
                serveOnce("/ops-v1", "{\"invoice_id\":\"INV-000001\"}", "{\"invoice_id\": ", "[1,2]"), asRead));
        await().atMost(Duration.ofSeconds(10)).until(() -> sample(call("/actuator/prometheus").body(),
                "dcl_stream_reconnects_total{application=\"dcl-service\",connector=\"ops\"}") == 1);
        registry.provision(new ProvisioningPackage("ops", ProvisioningPackage.MULESOFT_STREAM,
                serveOnce("/ops-v2", "{\"invoice_id\":\"INV-000002\"}", "not json"), asRead));
        await().atMost(Duration.ofSeconds(10)).until(() -> sample(call("/actuator/prometheus").body(),
                "dcl_stream_reconnects_total{application=\"dcl-service\",connector=\"ops\"}") == 2);

        HttpResponse<String> scrape = call("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        String body = scrape.body();
        String ops = "application=\"dcl-service\",connector=\"ops\"";
        assertThat(sample(body, "dcl_lines_read_total{" + ops + "}")).isEqualTo(5);
        assertThat(sample(body, "dcl_dead_letters_total{" + ops + ",reason=\"malformed\"}")).isEqualTo(2);
        assertThat(sample(body, "dcl_dead_letters_total{" + ops + ",reason=\"not_an_object\"}")).isEqualTo(1);
        assertThat(sample(body, "dcl_records_delivered_total{" + ops + ",kind=\"drifted\"}")).isEqualTo(2);
        assertThat(sample(body, "dcl_connector_switches_total{" + ops + "}")).isEqualTo(1);
        assertThat(sample(body, "dcl_connector_switch_latency_seconds_count{" + ops + "}")).isGreaterThanOrEqualTo(1);
        assertThat(body).contains("dcl_connector_switch_latency_seconds{" + ops + ",quantile=\"0.99\"}");
        assertThat(sample(body, "dcl_records_in_flight{" + ops + "}")).isZero();
        assertThat(sample(body, "dcl_stream_reconnects_total{" + ops + "}")).isEqualTo(2);
    }

    @Test
    void theOpenApiDocumentDescribesTheProvisioningHandshake() {
        JsonNode docs = json(call("/v3/api-docs"));

        JsonNode provision = docs.at("/paths/~1api~1ingest~1provision/post");
        assertThat(provision.get("tags").get(0).asString()).isEqualTo("provision");
        assertThat(provision.get("responses").propertyNames())
                .containsExactlyInAnyOrder("200", "400", "401", "413", "415", "422", "503");
        assertThat(provision.at("/responses/415/content").has("application/problem+json")).isTrue();
        assertThat(provision.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ProvisioningPackage");
        assertThat(provision.at("/security/0").has("provisionToken")).isTrue();
        assertThat(provision.get("parameters")).isNull(); // the token is a security scheme, not a header parameter
        JsonNode pkg = docs.at("/components/schemas/ProvisioningPackage");
        assertThat(pkg.get("properties").propertyNames())
                .containsExactlyInAnyOrder("connector_id", "source_type", "target_url", "policy");
        assertThat(pkg.at("/properties/connector_id/pattern").asString()).isEqualTo("[a-z0-9_-]{1,64}");
        assertThat(docs.at("/components/schemas/ProvisionResult/properties").has("previous_target_url")).isTrue();
        assertThat(docs.at("/components/securitySchemes/provisionToken/scheme").asString()).isEqualTo("bearer");
        List<String> tags = docs.get("tags").valueStream().map(t -> t.get("name").asString()).toList();
        assertThat(tags).containsExactly("provision", "connector", "sink", "telemetry");
        assertThat(docs.at("/paths/~1api~1connectors~1{id}~1records/get/tags/0").asString()).isEqualTo("sink");
        assertThat(docs.at("/paths/~1api~1ingest~1telemetry/get/tags/0").asString()).isEqualTo("telemetry");
        assertThat(call("/swagger-ui.html").statusCode()).isEqualTo(302);
        assertThat(call("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
