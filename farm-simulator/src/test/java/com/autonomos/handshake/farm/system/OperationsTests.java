package com.autonomos.handshake.farm.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator gets from the simulator: probes, build info, metrics, an OpenAPI document, and nothing more. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        assertThat(json("/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
        assertThat(json("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoCarriesTheBuild() throws Exception {
        JsonNode build = json("/actuator/info").get("build");

        assertThat(build.get("artifact").asString()).isEqualTo("farm-simulator");
        assertThat(build.get("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void onlyHealthInfoPrometheusAndMetricsAreExposed() throws Exception {
        assertThat(json("/actuator").get("_links").propertyNames())
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus", "metrics",
                        "metrics-requiredMetricName");
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusTagsEveryMeterWithTheApplication() throws Exception {
        get("/api/stream/synthetic/mulesoft?speed=fast&seed=5&limit=3");

        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("farm_stream_active{application=\"farm-simulator\"}")
                .contains("farm_stream_lines_total{application=\"farm-simulator\",kind=\"CLEAN\"}");
    }

    @Test
    void theOpenApiDocumentTagsEveryEndpointByFeature() throws Exception {
        JsonNode docs = json("/v3/api-docs");

        assertThat(docs.at("/info/title").asString()).isEqualTo("Farm simulator");
        assertThat(docs.at("/paths/~1api~1stream~1synthetic~1mulesoft/get/tags/0").asString()).isEqualTo("stream");
        assertThat(docs.at("/paths/~1api~1source~1salesforce~1invoice~1{invoiceId}/get/tags/0").asString())
                .isEqualTo("invoice");
        assertThat(docs.at("/paths/~1api~1verify~1salesforce~1invoice/post/tags/0").asString()).isEqualTo("verify");
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(302);
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
