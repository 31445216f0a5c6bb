package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.sink.SinkFiles;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.ingest.read-idle-timeout=1s",
        "dcl.ingest.spike-margin=1s",
        "dcl.ingest.tick=200ms",
        "dcl.ingest.reconnect.initial-backoff=50ms",
        "dcl.ingest.reconnect.max-backoff=300ms",
        "dcl.ingest.reconnect.on-end=false"})
@Import(ScriptedRepairerConfiguration.class)
class StreamIngestTests {

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension farm = WireMockPeer.keepingStubsAcrossTests();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    static final List<HttpServer> stallingServers = new CopyOnWriteArrayList<>();

    @AfterAll
    static void stopStallingServers() {
        stallingServers.forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    ConnectorRuntime runtime;

    @Autowired
    com.autonomos.handshake.dcl.telemetry.IngestTelemetry telemetry;

    @Autowired
    JsonMapper mapper;

    private final HttpClient http = HttpClient.newHttpClient();

    private String serve(String path, String body) {
        farm.stubFor(get(urlPathEqualTo(path)).willReturn(ndjson(body)));
        return farm.baseUrl() + path;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body);
    }

    private void provision(String connectorId, String url) {
        provision(connectorId, url, ConnectorPolicy.repairing());
    }

    private void provision(String connectorId, String url, ConnectorPolicy policy) {
        registry.provision(new ProvisioningPackage(connectorId, ProvisioningPackage.MULESOFT_STREAM, url, policy));
    }

    /** From the meters, so it also works after the connector was deleted. */
    private TelemetryCounts counts(String connectorId) {
        return telemetry.meters(connectorId).snapshot(java.time.Instant.now(), System.nanoTime());
    }

    private void awaitSettled(String connectorId, long linesRead) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TelemetryCounts c = counts(connectorId);
            assertThat(c.linesRead()).isEqualTo(linesRead);
            assertThat(c.inFlight()).isZero();
        });
    }

    private List<JsonNode> fileLines(String connectorId, String file) {
        return SinkFiles.completeLines(dataDir.resolve(connectorId).resolve(file)).stream().map(mapper::readTree).toList();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return mapper.readTree(response.body());
    }

    private static List<String> cleanLines(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> Invoices.clean(Invoices.invoiceId(i))).toList();
    }

    @Test
    void everyLineOfAKnownStreamLandsInExactlyOneCategory() throws Exception {
        List<String> lines = new ArrayList<>(cleanLines(1, 3));
        lines.add(Invoices.withoutVendor("INV-000010"));
        lines.add(Invoices.withoutBillingAddress("INV-000011"));
        lines.add(Invoices.withoutVendor(ScriptedRepairerConfiguration.UNVERIFIABLE_INVOICE));
        lines.add(Invoices.withoutVendor("INV-000012").replace("\"invoice_id\":\"INV-000012\",", ""));
        lines.add("{\"invoice_id\":\"INV-000013\",\"vendor\":{\"na");
        lines.add("this is not json");
        lines.add("[1,2,3]");
        lines.add("\"a string\"");
        lines.add(Invoices.spike(1));
        lines.add("");
        lines.add("[".repeat(10_000) + "]".repeat(10_000));
        provision("categories", serve("/categories", Invoices.ndjson(lines)));

        awaitSettled("categories", 14);
        TelemetryCounts c = counts("categories");
        assertThat(c.linesReceived()).isEqualTo(14);
        assertThat(c.delivered()).isEqualTo(6);
        assertThat(c.deadLettered()).as("the empty line is a dead letter empty_line").isEqualTo(7);
        assertThat(c.control()).as("only the _chaos announcement").isEqualTo(1);
        assertThat(c.totalProcessed()).isEqualTo(13);
        assertThat(c.toxicBlocked()).isEqualTo(6);
        assertThat(c.driftDetected()).isEqualTo(4);
        assertThat(c.repairedSuccess()).isEqualTo(3);
        assertThat(c.repairFailed()).isEqualTo(1);
        assertThat(c.verifiedCount()).isEqualTo(2);
        assertThat(c.verifiedFailed()).isEqualTo(1);
        assertThat(c.qualityScore()).isEqualTo(38.46);
        assertThat(c.repairRate()).isEqualTo(75.0);

        await().atMost(Duration.ofSeconds(5)).until(() -> fileLines("categories", "records.ndjson").size() == 6
                && fileLines("categories", "dead-letters.ndjson").size() == 7);
        List<String> reasons = fileLines("categories", "dead-letters.ndjson").stream()
                .map(d -> d.get("reason").asString()).toList();
        assertThat(reasons).containsExactly("unrepairable", "malformed", "malformed", "not_an_object",
                "not_an_object", "empty_line", "too_large");
        List<JsonNode> records = fileLines("categories", "records.ndjson");
        assertThat(records).extracting(r -> r.get("payload").get("invoice_id").asString()).containsExactly(
                "INV-000001", "INV-000002", "INV-000003", "INV-000010", "INV-000011",
                ScriptedRepairerConfiguration.UNVERIFIABLE_INVOICE);
        JsonNode repaired = records.get(3);
        assertThat(repaired.get("meta").get("is_repaired").asBoolean()).isTrue();
        assertThat(repaired.get("meta").get("repaired_fields").get(0).asString()).isEqualTo("vendor");
        assertThat(repaired.get("meta").get("verified").asBoolean()).isTrue();
        assertThat(repaired.get("payload").get("vendor").get("vendor_id").asString()).isEqualTo("V-1001");
        JsonNode unverified = records.get(5).get("meta");
        assertThat(unverified.get("verified").asBoolean()).isFalse();
        assertThat(unverified.get("verify_error").asString()).isEqualTo("verify endpoint unreachable");
        assertThat(records.get(0).get("meta").get("config_version").asLong()).isEqualTo(1);
        assertThat(records.get(0).get("meta").get("trace_id").asString()).hasSize(32);

        JsonNode recent = getJson("/api/connectors/categories/records?limit=2");
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.get(0).get("payload").get("invoice_id").asString())
                .isEqualTo(ScriptedRepairerConfiguration.UNVERIFIABLE_INVOICE);
        JsonNode dead = getJson("/api/connectors/categories/dead-letters");
        assertThat(dead.size()).isEqualTo(7);
        assertThat(dead.get(0).get("reason").asString()).isEqualTo("too_large");
        assertThat(dead.get(0).get("raw_truncated").asBoolean()).isTrue();
        assertThat(dead.get(0).get("raw").asString()).hasSize(4096);
        assertThat(dead.get(6).get("connector_id").asString()).isEqualTo("categories");
    }

    @Test
    void driftIsDeliveredAsReadWhenThePolicyDisablesRepair() {
        provision("no-repair", serve("/no-repair", Invoices.ndjson(List.of(Invoices.withoutVendor("INV-000020")))),
                new ConnectorPolicy(false, false, null));
        awaitSettled("no-repair", 1);
        TelemetryCounts c = counts("no-repair");
        assertThat(c.delivered()).isEqualTo(1);
        assertThat(c.driftDetected()).isEqualTo(1);
        assertThat(c.repairedSuccess()).isZero();
        assertThat(c.qualityScore()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> fileLines("no-repair", "records.ndjson").size() == 1);
        JsonNode meta = fileLines("no-repair", "records.ndjson").get(0).get("meta");
        assertThat(meta.get("is_repaired").asBoolean()).isFalse();
        assertThat(meta.get("drift").get(0).get("field").asString()).isEqualTo("vendor");
        assertThat(meta.get("drift").get(0).get("kind").asString()).isEqualTo("missing");
    }

    @Test
    void anOverLongLineIsDeadLetteredTooLargeAndTheReaderResynchronises() {
        String huge = "{\"notes\":\"" + "n".repeat(3 * 1024 * 1024) + "\"}";
        provision("huge", serve("/huge", Invoices.ndjson(List.of(Invoices.clean("INV-000030"), huge,
                Invoices.clean("INV-000031")))));
        awaitSettled("huge", 3);
        TelemetryCounts c = counts("huge");
        assertThat(c.delivered()).isEqualTo(2);
        assertThat(c.deadLettered()).isEqualTo(1);
        assertThat(c.toxicBlocked()).isEqualTo(1);
    }

    /**
     * Serves {@code first}, flushes, stalls two seconds, then serves {@code second} and ends (a JDK server, because
     * WireMock's dribble delays the first chunk too).
     */
    private static String stallingStream(String path, String first, String second) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((first + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(2000);
                out.write((second + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the reader went away
            }
        });
        server.start();
        stallingServers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anAnnouncedLatencySpikeLongerThanTheIdleTimeoutIsToleratedWithoutReconnecting() throws IOException {
        // the idle timeout is 1 s; the spike announces 2 s (+1 s margin) and the stream then stalls 2 s
        provision("spike", stallingStream("/spike", Invoices.spike(2), Invoices.clean("INV-000050")));
        awaitSettled("spike", 2);
        assertThat(counts("spike").control()).isEqualTo(1);
        assertThat(counts("spike").delivered()).isEqualTo(1);
        assertThat(runtime.status("spike").orElseThrow().lastError()).isNull();
    }

    @Test
    void theSameStallWithoutAnAnnouncementCountsAsIdle() throws IOException {
        provision("no-spike", stallingStream("/no-spike", Invoices.clean("INV-000051"), Invoices.clean("INV-000052")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                runtime.status("no-spike").orElseThrow().lastError()).isEqualTo("no data within the read idle timeout"));
        registry.delete("no-spike");
    }

    @Test
    void provisioningASecondUrlSwitchesWithEveryRecordUnderItsOwnStreamsVersionAndNoneTwice() {
        // stream A dribbles 200 records over 10 s; stream B has 100 records
        List<String> a = cleanLines(100_000, 200);
        farm.stubFor(get(urlPathEqualTo("/switch-a")).willReturn(ndjson(Invoices.ndjson(a))
                .withChunkedDribbleDelay(100, 10_000)));
        String b = serve("/switch-b", Invoices.ndjson(cleanLines(200_000, 100)));
        provision("switch", farm.baseUrl() + "/switch-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> counts("switch").delivered() >= 10);

        provision("switch", b);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TelemetryCounts c = counts("switch");
            assertThat(c.inFlight()).isZero();
            assertThat(fileLines("switch", "records.ndjson")).hasSize((int) c.delivered());
            assertThat(fileLines("switch", "records.ndjson").stream()
                    .filter(r -> r.get("meta").get("config_version").asLong() == 2)).hasSize(100);
        });
        TelemetryCounts c = counts("switch");
        assertThat(c.linesRead()).isEqualTo(c.linesReceived());
        assertThat(c.deadLettered()).isZero();
        List<JsonNode> records = fileLines("switch", "records.ndjson");
        Set<String> seen = new HashSet<>();
        List<Integer> fromA = new ArrayList<>();
        for (JsonNode r : records) {
            String id = r.get("payload").get("invoice_id").asString();
            int n = Integer.parseInt(id.substring(4));
            long version = r.get("meta").get("config_version").asLong();
            assertThat(seen.add(id)).as("delivered once: " + id).isTrue();
            assertThat(version).as(id).isEqualTo(n < 200_000 ? 1 : 2);
            if (version == 1) {
                fromA.add(n);
            }
        }
        assertThat(fromA).hasSizeBetween(10, 199);
        assertThat(fromA).isEqualTo(IntStream.range(100_000, 100_000 + fromA.size()).boxed().toList());
        assertThat(runtime.status("switch").orElseThrow().runningVersion()).isEqualTo(2);
    }

    @Test
    void pausingStopsReadingResumingReadsAgainAndDeletingStops() {
        farm.stubFor(get(urlPathEqualTo("/lifecycle")).willReturn(ndjson(Invoices.ndjson(cleanLines(300_000, 100)))
                .withChunkedDribbleDelay(100, 20_000)));
        provision("lifecycle", farm.baseUrl() + "/lifecycle");
        await().atMost(Duration.ofSeconds(10)).until(() -> counts("lifecycle").delivered() >= 3);

        registry.pause("lifecycle");
        assertThat(runtime.status("lifecycle").orElseThrow().state()).isEqualTo(ConnectorState.PAUSED);
        await().atMost(Duration.ofSeconds(5)).until(() -> counts("lifecycle").inFlight() == 0);
        long paused = counts("lifecycle").linesRead();
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(counts("lifecycle").linesRead()).isEqualTo(paused));

        registry.resume("lifecycle");
        await().atMost(Duration.ofSeconds(10)).until(() -> counts("lifecycle").linesRead() > paused);
        assertThat(runtime.status("lifecycle").orElseThrow().state()).isEqualTo(ConnectorState.RUNNING);

        registry.delete("lifecycle");
        assertThat(runtime.status("lifecycle")).isEmpty();
        assertThat(telemetryOverHttp().get("connectors").valueStream())
                .noneMatch(t -> t.get("connector_id").asString().equals("lifecycle"));
        await().atMost(Duration.ofSeconds(5)).until(() -> counts("lifecycle").inFlight() == 0);
        long deleted = counts("lifecycle").linesRead();
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(counts("lifecycle").linesRead()).isEqualTo(deleted));
    }

    @Test
    void aConnectorWhoseTargetIsNotAllowedFailsAndMakesTheServiceUnready() throws Exception {
        provision("forbidden", "http://forbidden.example/stream");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(runtime.status("forbidden").orElseThrow().state()).isEqualTo(ConnectorState.FAILED));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode connectors = mapper.readTree(health.body()).get("components").get("connectors");
        assertThat(connectors.get("status").asString()).isEqualTo("DOWN");
        assertThat(connectors.get("details").get("failed").get("forbidden").asString())
                .contains("not on the allow-list");
        registry.delete("forbidden");
    }

    @Test
    void theEventStreamCarriesTheDriftDetectedLogLine() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // closed by the test
            }
        });
        reader.start();
        provision("events", serve("/events", Invoices.ndjson(List.of(Invoices.withoutVendor("INV-000060")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("Drift Detected connector=events invoice_id=INV-000060 fields=[vendor]")));
        assertThat(lines).contains("event:log");
        assertThat(lines).contains("event:telemetry");
        assertThat(lines.stream().filter(l -> l.startsWith("retry:"))).isNotEmpty();
        response.body().close();
        reader.interrupt();
    }

    @Test
    void theTelemetryIdentitiesHoldAtEveryReadDuringAFastStream() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(i % 10 == 3 ? Invoices.withoutVendor(Invoices.invoiceId(500_000 + i))
                    : i % 10 == 7 ? "garbage " + i
                    : i % 100 == 50 ? "" : Invoices.clean(Invoices.invoiceId(500_000 + i)));
        }
        String url = serve("/fast", Invoices.ndjson(lines));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000); // leave the pipeline some CPU
                    JsonNode s = telemetryOverHttp();
                    reads.incrementAndGet();
                    check("totals", s.get("totals"), violations);
                    s.get("connectors").forEach(c -> check(c.get("connector_id").asString(), c, violations));
                }
            });
            reader.start();
            readers.add(reader);
        }
        // this source's blank lines are keep-alives: policy empty_lines skip counts them as control
        provision("fast", url, new ConnectorPolicy(true, false, null, ConnectorPolicy.EMPTY_LINES_SKIP, false));
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(counts("fast").linesRead()).isEqualTo(20_000);
                assertThat(counts("fast").inFlight()).isZero();
            });
        } finally {
            done.set(true);
            for (Thread r : readers) {
                r.join();
            }
        }
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isGreaterThan(100);
        TelemetryCounts c = counts("fast");
        assertThat(c.control()).isEqualTo(200);
        assertThat(c.deadLettered()).isEqualTo(2_000);
        assertThat(c.delivered()).isEqualTo(17_800);
        assertThat(c.repairedSuccess()).isEqualTo(2_000);
        JsonNode http = getJson("/api/ingest/telemetry");
        JsonNode fast = null;
        for (JsonNode connector : http.get("connectors")) {
            if (connector.get("connector_id").asString().equals("fast")) {
                fast = connector;
            }
        }
        assertThat(fast).isNotNull();
        assertThat(fast.get("lines_received").asLong()).isEqualTo(20_000);
        assertThat(fast.get("state").asString()).isEqualTo("RUNNING");
        assertThat(http.get("totals").get("lines_read").asLong()).isGreaterThanOrEqualTo(20_000);
    }

    private JsonNode telemetryOverHttp() {
        try {
            return getJson("/api/ingest/telemetry");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identities an operator reads in {@code GET /api/ingest/telemetry}, at every read. */
    private static void check(String who, JsonNode c, List<String> violations) {
        // the snapshot is taken under the connector's lock: these hold at every read, and nothing is ever negative
        long read = c.get("lines_read").asLong();
        long received = c.get("lines_received").asLong();
        long inFlight = c.get("in_flight").asLong();
        long delivered = c.get("delivered").asLong();
        long dead = c.get("dead_lettered").asLong();
        if (inFlight < 0 || read != received + inFlight || received != delivered + dead + c.get("control").asLong()
                || c.get("total_processed").asLong() != delivered + dead) {
            violations.add(who + ": " + c);
        }
    }
}
