package com.autonomos.handshake.aod.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.HttpJson;
import com.autonomos.handshake.testing.HttpJson.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a person and an operator see of AOD without any neighbour running. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aod.dcl-url=http://dcl.internal:5000",
        "aod.dcl-public-url=http://localhost:5000",
        "aod.farm-api-url=http://127.0.0.1:9"})
class TriageAndOperationsTests {

    @LocalServerPort
    int port;

    HttpJson aod;

    @BeforeEach
    void client() {
        aod = HttpJson.onPort(port);
    }

    @Test
    void theTriagePageOffersScanAndAutoConnect() {
        Answer page = aod.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text())
                .contains("<button id=\"scan-button\" type=\"button\" class=\"primary\">Scan</button>")
                .contains("<button type=\"button\" class=\"auto-connect\">Auto-Connect via DCL</button>")
                .contains("id=\"handoff-result\"", "aria-live=\"polite\"", "class=\"detection\"")
                .doesNotContain("http://", "https://");
        assertThat(aod.get("/triage.js").text()).contains("dcl-dashboard-link", "api/actions/provision-connector");
        assertThat(aod.get("/triage.css").status()).isEqualTo(200);
    }

    @Test
    void theUiConfigLinksThePublicDclDashboard() {
        Answer config = aod.get("/api/config/ui");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().get("dcl_dashboard_url").asString()).isEqualTo("http://localhost:5000");
    }

    @Test
    void aScanOfADeadFarmStillAnswersAndReportsTheRouteUnreachable() {
        Answer scan = aod.get("/api/scan/middleware");

        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.json().at("/detections/0/confidence").asDouble()).isEqualTo(0.0);
        assertThat(scan.json().at("/detections/0/probe/reachable").asBoolean()).isFalse();
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Answer docs = aod.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths/~1api~1actions~1provision-connector/post/responses/504/description")
                .asString()).isEqualTo("DCL did not answer in time");
        assertThat(docs.json().at("/paths/~1api~1scan~1middleware/get/summary").asString())
                .isEqualTo("Run every middleware scanner");
        assertThat(docs.json().has("components")).isTrue();
        assertThat(docs.json().at("/components/schemas/HandoffResult/properties").has("targeting_package")).isTrue();
        assertThat(aod.get("/swagger-ui.html").status()).isEqualTo(302);
        assertThat(aod.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesTheHandoffAndScanCounters() {
        aod.get("/api/scan/middleware");

        Answer metrics = aod.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .contains("aod_handoffs_total{application=\"aod-service\",outcome=\"sent\"}")
                .contains("aod_handoffs_total{application=\"aod-service\",outcome=\"dcl_timeout\"}")
                .contains("aod_scans_total{application=\"aod-service\",outcome=\"unreachable\",platform=\"mulesoft\"}");
    }

    @Test
    void healthIsUpWithoutAnyNeighbour() {
        Answer liveness = aod.get("/actuator/health/liveness");
        Answer readiness = aod.get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(aod.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoCarriesTheBuild() {
        Answer info = aod.get("/actuator/info");

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().at("/build/artifact").asString()).isEqualTo("aod-service");
        assertThat(info.json().at("/build/version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void onlyHealthInfoPrometheusAndMetricsAreExposed() {
        assertThat(aod.get("/actuator").json().get("_links").propertyNames())
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus", "metrics",
                        "metrics-requiredMetricName");
        assertThat(aod.get("/actuator/env").status()).isEqualTo(404);
        assertThat(aod.get("/actuator/beans").status()).isEqualTo(404);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        Answer missing = aod.get("/api/nothing-here");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }
}
