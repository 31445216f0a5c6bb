package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.dcl.sink.RecentRecords;
import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.testing.HttpJson.Answer;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * The connector count and what a connector holds (issue 10, findings 2 and 4): provisioning past
 * {@code dcl.connectors.max} is refused with 409 and stores nothing; deleting a connector closes its sink files,
 * drops its recent records and removes its meters, while the totals keep what it counted and a re-created
 * connector's versions continue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false",
        "dcl.connectors.max=2"})
class ConnectorLimitAndReleaseTests {

    private static final String HEALTHY = new String(new FarmStream(StreamSpec.of(5).withLimit(20)).toBytes(),
            StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.keepingStubsAcrossTests();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void stubTheUpstream() {
        upstream.stubFor(get(urlPathEqualTo("/healthy")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson").withBody(HEALTHY)));
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecentRecords recent;

    DclApi dcl;

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void provisioningPastTheLimitIs409AndStoresNothing() throws Exception {
        dcl.provision("first", upstream.baseUrl() + "/healthy", DclApi.repairing());
        dcl.provision("second", upstream.baseUrl() + "/healthy", DclApi.repairing());
        try {
            Answer refused = dcl.send("POST", "/api/ingest/provision", "{\"connector_id\":\"third\","
                    + "\"source_type\":\"mulesoft_stream\",\"target_url\":\"" + upstream.baseUrl() + "/healthy\","
                    + "\"policy\":{\"repair_enabled\":true}}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(DclApi.JSON.readTree(refused.text()).get("detail").asString()).contains("dcl.connectors.max");
            assertThat(dataDir.resolve("third")).doesNotExist();
            assertThat(dcl.getJson("/api/connectors").get("connectors").valueStream()
                    .map(c -> c.get("connector_id").asString())).doesNotContain("third");
        } finally {
            assertThat(dcl.send("DELETE", "/api/connectors/first", null).status()).isEqualTo(204);
            assertThat(dcl.send("DELETE", "/api/connectors/second", null).status()).isEqualTo(204);
        }
    }

    @Test
    void deleteClosesTheFilesDropsTheRingsAndRemovesTheMetersAndVersionsContinueAfterwards() throws Exception {
        dcl.provision("gone", upstream.baseUrl() + "/healthy", DclApi.repairing());
        dcl.awaitSettled("gone", 20, Duration.ofSeconds(30));
        dcl.awaitFile("gone", "records.ndjson", 20);
        assertThat(openFilesUnder(dataDir.resolve("gone"))).isNotEmpty();
        assertThat(meters.find("dcl.lines.read").tag("connector", "gone").counter()).isNotNull();
        long deliveredInTotal = dcl.getJson("/api/ingest/telemetry").get("totals").get("delivered").asLong();

        assertThat(dcl.send("DELETE", "/api/connectors/gone", null).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(openFilesUnder(dataDir.resolve("gone"))).isEmpty();
            assertThat(meters.getMeters()).noneMatch(m -> "gone".equals(m.getId().getTag("connector")));
            assertThat(recent.records("gone", 1000)).isEmpty();
        });
        assertThat(dcl.getJson("/api/ingest/telemetry").get("totals").get("delivered").asLong())
                .isEqualTo(deliveredInTotal);
        assertThat(Files.readAllLines(dataDir.resolve("gone/records.ndjson"))).hasSize(20); // data stays

        Answer again = dcl.send("POST", "/api/ingest/provision", "{\"connector_id\":\"gone\","
                + "\"source_type\":\"mulesoft_stream\",\"target_url\":\"" + upstream.baseUrl() + "/healthy\","
                + "\"policy\":{\"repair_enabled\":true}}");
        assertThat(DclApi.JSON.readTree(again.text()).get("version").asLong()).isEqualTo(2);
        JsonNode t = dcl.awaitSettled("gone", 20, Duration.ofSeconds(30));
        assertThat(t.get("delivered").asLong()).isEqualTo(20); // a new life counts from zero
        dcl.send("DELETE", "/api/connectors/gone", null);
    }

    /** The files this JVM holds open under {@code dir} (Linux: the links in /proc/self/fd). */
    private static List<Path> openFilesUnder(Path dir) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd on this system");
        Path target = dir.toAbsolutePath().normalize();
        try (Stream<Path> links = Files.list(fds)) {
            return links.map(link -> {
                try {
                    return Files.readSymbolicLink(link);
                } catch (IOException e) {
                    return null; // closed meanwhile
                }
            }).filter(p -> p != null && p.startsWith(target)).toList();
        }
    }
}
