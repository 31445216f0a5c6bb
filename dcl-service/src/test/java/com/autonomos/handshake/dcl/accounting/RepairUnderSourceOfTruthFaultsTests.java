package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.accounting.ExpectedStream.Line;
import com.autonomos.handshake.dcl.accounting.ExpectedStream.Outcome;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's seeded stream, repaired through {@code policy.source_of_truth_url} pointing at a WireMock that fails
 * (500s, slower than the time limit, a closed port) or recovers, or whose verify endpoint fails. Seed 7, 200 lines:
 * 138 clean, 15 malformed, 14 not an object, 33 drifted records of which 1 has no invoice_id. Whatever the Farm does,
 * every line is accounted for exactly, nothing is delivered as clean that drifted, nothing as repaired that does not
 * equal the truth, nothing as verified that the Farm did not verify. A 3 s hold, 500 ms time limit, and a breaker
 * opening after four failed calls for 500 ms. With the default 256 repairs in flight, all 33 drifted records of the
 * stream are held at about the same time, so one hold covers them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false",
        "dcl.repair.max-hold=3s",
        "dcl.repair.hold-retry-interval=100ms",
        "resilience4j.retry.instances.sourceOfTruth.wait-duration=20ms",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.wait-duration-in-open-state=500ms",
        "resilience4j.circuitbreaker.instances.sourceOfTruth.permitted-number-of-calls-in-half-open-state=2",
        "resilience4j.timelimiter.instances.sourceOfTruth.timeout-duration=500ms"})
class RepairUnderSourceOfTruthFaultsTests {

    private static final String SOURCE = "/api/source/salesforce/invoice/.*";
    private static final String VERIFY = "/api/verify/salesforce/invoice";
    private static final StreamSpec SPEC = StreamSpec.of(7).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(0).withLimit(200);
    private static final String QUERY = "&truth=stream&chaos=true&chaos_rate=0.3&seed=7&limit=200&spike_seconds=0";
    private static final ExpectedStream EXPECTED = ExpectedStream.of(SPEC);

    /** Breaker transitions since the test started; one listener for the whole class (listeners cannot be removed). */
    private static final List<StateTransition> transitions = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Runnable> onOpen = new AtomicReference<>();
    private static boolean listening;

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final EmbeddedFarm farm = new EmbeddedFarm();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    /** A fresh Farm fake per test: a new origin, so no record of truth cached by an earlier test is reused. */
    @RegisterExtension
    final WireMockExtension sourceOfTruth = WireMockPeer.onAFreePort(wireMockConfig()
            .containerThreads(64).asynchronousResponseEnabled(true));

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    CircuitBreaker breaker;
    DclApi dcl;

    @BeforeEach
    void closeTheBreakers() {
        dcl = new DclApi(port, dataDir);
        breaker = circuitBreakers.circuitBreaker("sourceOfTruth");
        if (!listening) {
            breaker.getEventPublisher().onStateTransition(event -> {
                transitions.add(event.getStateTransition());
                Runnable hook = onOpen.get();
                if (hook != null && event.getStateTransition() == StateTransition.CLOSED_TO_OPEN) {
                    hook.run();
                }
            });
            listening = true;
        }
        breaker.reset();
        circuitBreakers.circuitBreaker("farmVerify").reset();
        onOpen.set(null);
        transitions.clear();
        assertThat(List.of(EXPECTED.count(Outcome.CLEAN), EXPECTED.count(Outcome.REPAIRED),
                EXPECTED.deadLetters("unrepairable"), EXPECTED.deadLetters("malformed"),
                EXPECTED.deadLetters("not_an_object"))).containsExactly(138L, 32L, 1L, 15L, 14L);
    }

    @Test
    void aSourceOfTruthAnswering500DeadLettersEveryRepairableRecordRepairUnavailableAndOpensTheBreaker() {
        sourceOfTruth.stubFor(get(urlPathMatching(SOURCE)).willReturn(serverError()));

        prove("sot-500", sourceOfTruth.baseUrl(), repairUnavailable());

        assertThat(transitions).contains(StateTransition.CLOSED_TO_OPEN);
    }

    @Test
    void aSourceOfTruthSlowerThanTheTimeLimitDeadLettersEveryRepairableRecordRepairUnavailable() {
        sourceOfTruth.stubFor(get(urlPathMatching(SOURCE)).willReturn(aResponse().proxiedFrom(farm.baseUrl())
                .withFixedDelay(2_000)));

        prove("sot-slow", sourceOfTruth.baseUrl(), repairUnavailable());

        assertThat(transitions).contains(StateTransition.CLOSED_TO_OPEN);
    }

    @Test
    void aSourceOfTruthThatIsDownDeadLettersEveryRepairableRecordRepairUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        prove("sot-down", "http://127.0.0.1:" + closedPort, repairUnavailable());

        assertThat(transitions).contains(StateTransition.CLOSED_TO_OPEN);
    }

    @Test
    void recordsHeldWhileTheSourceOfTruthFailsAreRepairedOnceItRecoversAndTheBreakerCloses() {
        sourceOfTruth.stubFor(get(urlPathMatching(SOURCE)).willReturn(serverError()));
        sourceOfTruth.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(aResponse().proxiedFrom(farm.baseUrl())));
        // the moment the breaker opens, the Farm comes back (well within the records' 3 s hold)
        onOpen.set(() -> sourceOfTruth.stubFor(get(urlPathMatching(SOURCE))
                .willReturn(aResponse().proxiedFrom(farm.baseUrl()))));

        List<JsonNode> records = prove("sot-recovers", sourceOfTruth.baseUrl(), EXPECTED);

        assertThat(transitions).containsSubsequence(StateTransition.CLOSED_TO_OPEN, StateTransition.OPEN_TO_HALF_OPEN,
                StateTransition.HALF_OPEN_TO_CLOSED);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(records.stream().filter(r -> r.get("meta").get("is_repaired").asBoolean()))
                .hasSize(32).allMatch(r -> r.get("meta").get("verified").asBoolean());
        assertThat(dcl.telemetry("sot-recovers").get("verified_count").asLong()).isEqualTo(32);
    }

    @Test
    void aVerifyEndpointErroringLeavesRepairedRecordsUnverifiedWithTheErrorNeverVerified() {
        sourceOfTruth.stubFor(get(urlPathMatching(SOURCE)).willReturn(aResponse().proxiedFrom(farm.baseUrl())));
        sourceOfTruth.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(serverError()));

        List<JsonNode> records = prove("verify-500", sourceOfTruth.baseUrl(), EXPECTED);

        List<JsonNode> repaired = records.stream().filter(r -> r.get("meta").get("is_repaired").asBoolean()).toList();
        assertThat(repaired).hasSize(32);
        for (JsonNode record : repaired) {
            JsonNode meta = record.get("meta");
            assertThat(meta.get("verified").asBoolean()).isFalse();
            assertThat(meta.get("verify_error").asString()).startsWith("verification failed: ");
            assertThat(meta.has("quality_score")).isFalse();
        }
        JsonNode t = dcl.telemetry("verify-500");
        assertThat(t.get("verified_count").asLong()).isZero();
        assertThat(t.get("verified_failed").asLong()).isEqualTo(32);
        assertThat(t.get("quality_score").asDouble()).isEqualTo(69.0); // 138 clean of 200 processed
    }

    @Test
    void aVerifyEndpointErroringDeadLettersRepairedRecordsVerifyFailedWhenThePolicyRequiresVerification() {
        sourceOfTruth.stubFor(get(urlPathMatching(SOURCE)).willReturn(aResponse().proxiedFrom(farm.baseUrl())));
        sourceOfTruth.stubFor(post(urlPathEqualTo(VERIFY)).willReturn(serverError()));

        prove("verify-required", sourceOfTruth.baseUrl(), EXPECTED.withRepaired(l -> l.dead("verify_failed")));

        JsonNode t = dcl.telemetry("verify-required");
        assertThat(t.get("verified_count").asLong()).isZero();
        assertThat(t.get("verified_failed").asLong()).isEqualTo(32);
    }

    private static ExpectedStream repairUnavailable() {
        return EXPECTED.withRepaired(l -> l.dead("repair_unavailable"));
    }

    /**
     * Provisions the seeded stream with repair from {@code truthUrl} and asserts every line's outcome: counts, records
     * (clean ones exactly as sent, repaired ones equal to the truth on their repaired fields) and dead letters.
     */
    private List<JsonNode> prove(String connectorId, String truthUrl, ExpectedStream expected) {
        boolean requireVerified = expected.deadLetters("verify_failed") > 0;
        ObjectNode policy = DclApi.repairing().put("require_verified", requireVerified)
                .put("source_of_truth_url", truthUrl);
        dcl.provision(connectorId, farm.streamUrl(QUERY), policy);
        JsonNode t = dcl.awaitSettled(connectorId, SPEC.limit(), Duration.ofSeconds(45));

        List<Line> delivered = expected.delivered();
        List<Line> dead = expected.dead();
        long drift = expected.count(Line::drifted);
        long repaired = expected.count(Outcome.REPAIRED);
        assertThat(t.get("lines_received").asLong()).isEqualTo(200);
        assertThat(t.get("delivered").asLong()).isEqualTo(delivered.size());
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(dead.size());
        assertThat(t.get("control").asLong()).isZero();
        assertThat(t.get("drift_detected").asLong()).isEqualTo(drift).isEqualTo(33);
        assertThat(t.get("repaired_success").asLong()).isEqualTo(repaired);
        assertThat(t.get("repair_failed").asLong()).isEqualTo(drift - repaired);
        assertThat(t.get("toxic_blocked").asLong()).isEqualTo(29);
        dcl.assertBalanced(connectorId, t);

        List<JsonNode> records = dcl.awaitFile(connectorId, "records.ndjson", delivered.size());
        for (int i = 0; i < delivered.size(); i++) {
            Line line = delivered.get(i);
            JsonNode meta = records.get(i).get("meta");
            JsonNode payload = records.get(i).get("payload");
            assertThat(payload).as(line.toString()).isEqualTo(line.payload());
            assertThat(meta.get("is_repaired").asBoolean()).as(line.toString())
                    .isEqualTo(line.outcome() == Outcome.REPAIRED);
            if (line.outcome() == Outcome.REPAIRED) {
                ObjectNode truth = ExpectedStream.truth(line.generated().invoiceId());
                for (String field : line.repairedFields()) {
                    String top = field.split("\\.")[0];
                    assertThat(payload.get(top)).as(line + " " + field).isEqualTo(truth.get(top));
                }
            } else {
                assertThat(meta.has("verified")).as(line.toString()).isFalse();
            }
        }
        List<JsonNode> letters = dcl.awaitFile(connectorId, "dead-letters.ndjson", dead.size());
        for (int i = 0; i < dead.size(); i++) {
            Line line = dead.get(i);
            JsonNode letter = letters.get(i);
            assertThat(letter.get("reason").asString()).as(line.toString()).isEqualTo(line.reason());
            assertThat(letter.get("raw").asString()).as(line.toString()).isEqualTo(line.generated().text());
            assertThat(letter.get("config_version").asLong()).isEqualTo(1);
            assertThat(letter.get("detail").asString()).as(line.toString()).isNotBlank();
        }
        return records;
    }
}
