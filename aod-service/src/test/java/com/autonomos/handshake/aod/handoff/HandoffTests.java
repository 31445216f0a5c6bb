package com.autonomos.handshake.aod.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.HttpJson;
import com.autonomos.handshake.testing.HttpJson.Answer;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
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

/** The handoff over real HTTP, with one WireMock playing both the Farm (scan probe) and DCL (provisioning). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aod.dcl-provision-token=test-token",
        "resilience4j.retry.instances.dcl.wait-duration=10ms",
        "resilience4j.timelimiter.instances.dcl.timeout-duration=1s"})
class HandoffTests {

    static final String HANDOFF = "/api/actions/provision-connector";
    static final String SAMPLE = "/api/stream/synthetic/mulesoft/sample";
    static final String PROVISION = "/api/ingest/provision";
    static final String INVOICE = """
            {"record_type":"invoice","invoice_id":"INV-000042","vendor":{"name":"Acme","vendor_id":"V-1"},
             "invoice_date":"2025-01-02","total_amount":3.3,"line_items":[]}""";
    static final String PROBLEM_JSON = "application/problem+json";

    @RegisterExtension
    static final WireMockExtension peers = WireMockPeer.onAFreePort();

    @DynamicPropertySource
    static void pointAodAtWireMock(DynamicPropertyRegistry registry) {
        registry.add("aod.dcl-url", peers::baseUrl);
        registry.add("aod.farm-api-url", peers::baseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    RetryRegistry retries;

    @Autowired
    MeterRegistry meters;

    HttpJson aod;
    String route;

    @BeforeEach
    void reset() {
        breakers.circuitBreaker("dcl").reset();
        peers.stubFor(get(SAMPLE).willReturn(okJson(INVOICE)));
        aod = HttpJson.onPort(port);
        route = peers.baseUrl() + "/api/stream/synthetic/mulesoft";
    }

    private static void dclAnswers(int status, String body) {
        peers.stubFor(post(PROVISION).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", status < 300 ? "application/json" : PROBLEM_JSON).withBody(body)));
    }

    private static void dclProvisions(String targetUrl, long version) {
        dclAnswers(200, """
                {"status":"provisioned","connector_id":"mule_auto_01","version":%d,"target_url":"%s",
                 "previous_target_url":null}""".formatted(version, targetUrl));
    }

    private static int dclRequests() {
        return peers.findAll(postRequestedFor(urlEqualTo(PROVISION))).size();
    }

    private double handoffs(String outcome) {
        return meters.get("aod.handoffs").tag("outcome", outcome).counter().count();
    }

    private int configuredAttempts() {
        return retries.retry("dcl").getRetryConfig().getMaxAttempts();
    }

    @Test
    void anAcceptedPackageAnswersProvisioningCommandSentWithWhatDclSaid() {
        dclProvisions(route + "?chaos=true", 7);
        double sentBefore = handoffs("sent");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("status").asString()).isEqualTo("Provisioning Command Sent");
        assertThat(body.get("connector_id").asString()).isEqualTo("mule_auto_01");
        assertThat(body.at("/detection/platform").asString()).isEqualTo("mulesoft");
        assertThat(body.at("/detection/detected_url").asString()).isEqualTo(route);
        assertThat(body.at("/detection/confidence").asDouble()).isEqualTo(0.98);
        assertThat(body.at("/targeting_package/target_url").asString()).isEqualTo(route + "?chaos=true");
        assertThat(body.at("/dcl/status").asString()).isEqualTo("provisioned");
        assertThat(body.at("/dcl/version").asLong()).isEqualTo(7);
        assertThat(body.at("/dcl/target_url").asString()).isEqualTo(route + "?chaos=true");
        peers.verify(1, postRequestedFor(urlEqualTo(PROVISION))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"connector_id":"mule_auto_01","source_type":"mulesoft_stream",
                         "target_url":"%s?chaos=true",
                         "policy":{"repair_enabled":true,"require_verified":false,"reconcile":false}}""".formatted(route))));
        assertThat(handoffs("sent")).isEqualTo(sentBefore + 1);
    }

    @Test
    void chaosFalseSendsTheRouteWithoutAQuery() {
        dclProvisions(route, 1);

        Answer answer = aod.post(HANDOFF, "application/json", "{\"chaos\":false}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/targeting_package/target_url").asString()).isEqualTo(route);
        peers.verify(1, postRequestedFor(urlEqualTo(PROVISION))
                .withRequestBody(equalToJson("""
                        {"connector_id":"mule_auto_01","source_type":"mulesoft_stream","target_url":"%s",
                         "policy":{"repair_enabled":true,"require_verified":false,"reconcile":false}}""".formatted(route))));
    }

    @Test
    void anEmptyJsonBodyUsesTheDefaultsMulesoftAndChaos() {
        dclProvisions(route + "?chaos=true", 2);

        Answer answer = aod.post(HANDOFF, "application/json", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/detection/platform").asString()).isEqualTo("mulesoft");
        assertThat(answer.json().at("/targeting_package/target_url").asString()).isEqualTo(route + "?chaos=true");
    }

    @Test
    void reconcileTrueAsksDclToReconcileAndTheSeedsPackageStaysTheDefault() {
        dclProvisions(route + "?chaos=true", 4);

        Answer answer = aod.post(HANDOFF, "application/json", "{\"chaos\":true,\"reconcile\":true}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/targeting_package/policy/reconcile").asBoolean()).isTrue();
        peers.verify(1, postRequestedFor(urlEqualTo(PROVISION))
                .withRequestBody(equalToJson("""
                        {"connector_id":"mule_auto_01","source_type":"mulesoft_stream",
                         "target_url":"%s?chaos=true",
                         "policy":{"repair_enabled":true,"require_verified":false,"reconcile":true}}"""
                        .formatted(route))));
    }

    @Test
    void anExplicitMulesoftRequestWithChaosIsTheSeedsPackage() {
        dclProvisions(route + "?chaos=true", 3);

        Answer answer = aod.post(HANDOFF, "application/json", "{\"platform\":\"mulesoft\",\"chaos\":true}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/targeting_package/source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(answer.json().at("/targeting_package/policy/repair_enabled").asBoolean()).isTrue();
    }

    @Test
    void dclRejectingTheTokenIsABadGatewayWithDclsWordsAndNoRetry() {
        dclAnswers(401, """
                {"type":"https://aos-handshake/problems/unauthorized","title":"Unauthorized","status":401,
                 "detail":"missing or invalid bearer token"}""");
        double refusedBefore = handoffs("dcl_refused");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/dcl-refused");
        assertThat(problem.get("title").asString()).isEqualTo("DCL refused the provisioning package");
        assertThat(problem.get("status").asInt()).isEqualTo(502);
        assertThat(problem.get("outcome").asString()).isEqualTo("dcl_refused");
        assertThat(problem.get("dcl_status").asInt()).isEqualTo(401);
        assertThat(problem.get("dcl_title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.get("dcl_detail").asString()).isEqualTo("missing or invalid bearer token");
        assertThat(problem.get("dcl_type").asString()).isEqualTo("https://aos-handshake/problems/unauthorized");
        assertThat(problem.get("attempts").asInt()).isEqualTo(1);
        assertThat(problem.get("detail").asString()).contains("answered HTTP 401 (missing or invalid bearer token)");
        assertThat(problem.has("dcl")).isFalse();
        assertThat(dclRequests()).isEqualTo(1);
        assertThat(handoffs("dcl_refused")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void dclRejectingThePackageAsInvalidIsABadGatewayWithoutRetry() {
        dclAnswers(422, """
                {"title":"Invalid provisioning package","status":422,
                 "detail":"target_url host is not on DCL_ALLOWED_SOURCES"}""");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().get("dcl_status").asInt()).isEqualTo(422);
        assertThat(answer.json().get("dcl_detail").asString())
                .isEqualTo("target_url host is not on DCL_ALLOWED_SOURCES");
        assertThat(dclRequests()).isEqualTo(1);
    }

    @Test
    void refusalsDoNotOpenTheCircuitBreaker() {
        dclAnswers(401, "{\"title\":\"Unauthorized\",\"status\":401}");

        for (int i = 0; i < 8; i++) {
            assertThat(aod.post(HANDOFF).status()).isEqualTo(502);
        }

        assertThat(breakers.circuitBreaker("dcl").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(dclRequests()).isEqualTo(8);
    }

    @Test
    void aDclServerErrorIsRetriedTheConfiguredNumberOfTimesThenABadGateway() {
        dclAnswers(500, "{\"title\":\"Internal Server Error\",\"status\":500,\"detail\":\"disk full\"}");

        Answer answer = aod.post(HANDOFF);

        assertThat(configuredAttempts()).isEqualTo(3);
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().get("dcl_status").asInt()).isEqualTo(500);
        assertThat(answer.json().get("dcl_detail").asString()).isEqualTo("disk full");
        assertThat(answer.json().get("attempts").asInt()).isEqualTo(3);
        assertThat(dclRequests()).isEqualTo(configuredAttempts());
    }

    @Test
    void aNonJsonDclErrorBodyIsCopiedAsTheDetail() {
        peers.stubFor(post(PROVISION).willReturn(aResponse().withStatus(403).withBody("forbidden by proxy")));

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().get("dcl_status").asInt()).isEqualTo(403);
        assertThat(answer.json().get("dcl_detail").asString()).isEqualTo("forbidden by proxy");
    }

    @Test
    void aDclSuccessWithAnUnreadableBodyIsNotClaimedAsSent() {
        peers.stubFor(post(PROVISION).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{not json")));

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text()).doesNotContain("Provisioning Command Sent");
    }

    @Test
    void aDclSlowerThanTheTimeLimitIsAGatewayTimeoutAfterRetries() {
        peers.stubFor(post(PROVISION).willReturn(okJson("{\"status\":\"provisioned\"}").withFixedDelay(3_000)));
        double timeoutsBefore = handoffs("dcl_timeout");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/dcl-timeout");
        assertThat(problem.get("outcome").asString()).isEqualTo("dcl_timeout");
        assertThat(problem.get("detail").asString()).contains("within 1000 ms (3 attempts)");
        assertThat(dclRequests()).isEqualTo(configuredAttempts());
        assertThat(handoffs("dcl_timeout")).isEqualTo(timeoutsBefore + 1);
    }

    @Test
    void aConnectionResetByDclIsServiceUnavailableAfterRetries() {
        peers.stubFor(post(PROVISION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        double unavailableBefore = handoffs("dcl_unavailable");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(503);
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/dcl-unavailable");
        assertThat(problem.get("title").asString()).isEqualTo("DCL unreachable");
        assertThat(problem.get("attempts").asInt()).isEqualTo(3);
        assertThat(problem.get("detail").asString()).startsWith("DCL unreachable: POST " + peers.baseUrl() + PROVISION);
        assertThat(dclRequests()).isEqualTo(configuredAttempts());
        assertThat(handoffs("dcl_unavailable")).isEqualTo(unavailableBefore + 1);
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndThenDclIsNotCalled() {
        dclAnswers(500, "{\"title\":\"Internal Server Error\",\"status\":500}");
        CircuitBreaker breaker = breakers.circuitBreaker("dcl");

        for (int i = 0; i < 5 && breaker.getState() == CircuitBreaker.State.CLOSED; i++) {
            aod.post(HANDOFF);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        peers.resetRequests();

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().get("outcome").asString()).isEqualTo("dcl_unavailable");
        assertThat(answer.json().get("detail").asString()).contains("circuit breaker 'dcl' is OPEN");
        assertThat(dclRequests()).isZero();
    }

    @Test
    void aForcedOpenBreakerAnswersServiceUnavailableWithoutCallingDcl() {
        dclProvisions(route + "?chaos=true", 1);
        breakers.circuitBreaker("dcl").transitionToForcedOpenState();

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().get("detail").asString()).contains("circuit breaker 'dcl' is FORCED_OPEN");
        assertThat(dclRequests()).isZero();
    }

    @Test
    void anUnreachableRouteIsNeverProvisioned() {
        peers.stubFor(get(SAMPLE).willReturn(aResponse().withStatus(500)));
        dclProvisions(route + "?chaos=true", 1);
        double notDetectedBefore = handoffs("route_not_detected");

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(424);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/route-not-detected");
        assertThat(problem.get("title").asString()).isEqualTo("Route not detected");
        assertThat(problem.get("outcome").asString()).isEqualTo("route_not_detected");
        assertThat(problem.at("/detection/probe/reachable").asBoolean()).isFalse();
        assertThat(problem.at("/detection/probe/http_status").asInt()).isEqualTo(500);
        assertThat(problem.get("detail").asString()).contains("answered HTTP 500").endsWith("Nothing was sent to DCL.");
        assertThat(dclRequests()).isZero();
        assertThat(handoffs("route_not_detected")).isEqualTo(notDetectedBefore + 1);
    }

    @Test
    void aRouteThatServesNoInvoicesIsNotProvisioned() {
        peers.stubFor(get(SAMPLE).willReturn(okJson("{\"hello\":\"world\"}")));
        dclProvisions(route + "?chaos=true", 1);

        Answer answer = aod.post(HANDOFF);

        assertThat(answer.status()).isEqualTo(424);
        assertThat(answer.json().at("/detection/confidence").asDouble()).isEqualTo(0.4);
        assertThat(dclRequests()).isZero();
    }

    @Test
    void anUnknownPlatformIsNotFound() {
        Answer answer = aod.post(HANDOFF, "application/json", "{\"platform\":\"tibco\"}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.json().get("type").asString()).isEqualTo("https://aos-handshake/problems/unknown-platform");
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("No scanner for platform 'tibco'. Known platforms: [mulesoft].");
        assertThat(dclRequests()).isZero();
    }

    @Test
    void malformedJsonIsABadRequestAndNothingIsSent() {
        Answer answer = aod.post(HANDOFF, "application/json", "{\"platform\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
        assertThat(answer.json().get("type").asString()).isEqualTo("https://aos-handshake/problems/malformed-request");
        assertThat(answer.text()).doesNotContain("at com.", "at org.");
        assertThat(dclRequests()).isZero();
    }

    @Test
    void theScanListsTheProbedMulesoftRoute() {
        Answer answer = aod.get("/api/scan/middleware");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("scanned_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.get("detections")).hasSize(1);
        JsonNode detection = body.get("detections").get(0);
        assertThat(detection.get("platform").asString()).isEqualTo("mulesoft");
        assertThat(detection.get("detected_url").asString()).isEqualTo(route);
        assertThat(detection.get("related_asset").asString()).isEqualTo("salesforce_crm");
        assertThat(detection.get("confidence").asDouble()).isEqualTo(0.98);
        assertThat(detection.at("/probe/reachable").asBoolean()).isTrue();
        assertThat(detection.at("/probe/looks_like_invoices").asBoolean()).isTrue();
        assertThat(meters.get("aod.scans").tag("platform", "mulesoft").tag("outcome", "detected").counter()
                .count()).isPositive();
    }
}
