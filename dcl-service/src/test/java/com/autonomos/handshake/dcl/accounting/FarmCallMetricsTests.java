package com.autonomos.handshake.dcl.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.accounting.ExpectedStream.Outcome;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every call to the Farm is timed once, by the resilience4j instance that guards it ({@code sourceOfTruth},
 * {@code farmVerify}), and not a second time as an {@code http.client.requests} observation (whose {@code uri} tag
 * is "none" for them anyway). Seed 7, 200 lines, 32 repaired records: 32 verify calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false"})
class FarmCallMetricsTests {

    private static final StreamSpec SPEC = StreamSpec.of(7).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(0)
            .withLimit(200);
    private static final String QUERY = "&truth=stream&chaos=true&chaos_rate=0.3&seed=7&limit=200&spike_seconds=0";
    private static final String APP = "application=\"dcl-service\"";

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final EmbeddedFarm farm = new EmbeddedFarm();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @Test
    void eachFarmCallIsTimedByItsResilienceInstanceAndNotAgainAsAnHttpClientRequest() {
        DclApi dcl = new DclApi(port, dataDir);
        dcl.provision("metered", farm.streamUrl(QUERY), DclApi.repairing());
        JsonNode telemetry = dcl.awaitSettled("metered", ExpectedStream.of(SPEC).lines().size(),
                Duration.ofSeconds(30));
        long repaired = ExpectedStream.of(SPEC).count(Outcome.REPAIRED);

        String scrape = dcl.get("/actuator/prometheus").text();

        assertThat(telemetry.get("repaired_success").asLong()).isEqualTo(repaired).isEqualTo(32);
        assertThat(sample(scrape, "resilience4j_circuitbreaker_calls_seconds_count{" + APP
                + ",kind=\"successful\",name=\"farmVerify\"}")).isEqualTo(repaired);
        // at most one lookup per invoice id (a cache shares them), at least one per repaired record's invoice
        assertThat(sample(scrape, "resilience4j_circuitbreaker_calls_seconds_count{" + APP
                + ",kind=\"successful\",name=\"sourceOfTruth\"}")).isBetween(1.0, (double) repaired);
        // the only POSTs are verify calls; the GETs besides lookups open the stream (once)
        assertThat(clientRequests(scrape, "POST")).isZero();
        assertThat(clientRequests(scrape, "GET")).isLessThanOrEqualTo(1);
    }

    /** The sum of {@code http_client_requests_seconds_count} over every series of one method. */
    private static double clientRequests(String scrape, String method) {
        Matcher m = Pattern.compile("(?m)^http_client_requests_seconds_count\\{[^}]*method=\"" + method
                + "\"[^}]*} (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
