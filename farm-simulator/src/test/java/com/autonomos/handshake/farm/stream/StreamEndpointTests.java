package com.autonomos.handshake.farm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The stream over real HTTP. The async request timeout is set absurdly low to prove the code overrides it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.mvc.async.request-timeout=300ms")
class StreamEndpointTests {

    private static final String STREAM = "/api/stream/synthetic/mulesoft";

    @LocalServerPort
    int port;

    @Autowired
    ActiveStreams activeStreams;

    @Autowired
    WebServerApplicationContext server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void tomcatHandsTheSocketAFastStreamsBufferInOneWrite() {
        Connector connector = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString(String.valueOf(64 * 1024));
    }

    @Test
    void aLimitedStreamServesExactlyTheGeneratorsBytesAndEnds() throws Exception {
        HttpResponse<byte[]> response = get(STREAM + "?truth=stream&speed=fast&seed=42&limit=2000&chaos=true&chaos_rate=0.3"
                + "&spike_seconds=0&mismatch_rate=0.1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(response.headers().firstValue("X-Farm-Seed")).hasValue("42");
        StreamSpec spec = StreamSpec.of(42).withTruth(Truth.STREAM).withChaos(0.3).withSpikeSeconds(0).withMismatchRate(0.1).withLimit(2000);
        assertThat(response.body()).isEqualTo(new FarmStream(spec).toBytes());
    }

    @Test
    void theSameUrlYieldsIdenticalBytesAndCrlfIsHonoured() throws Exception {
        String url = STREAM + "?truth=stream&speed=fast&seed=7&limit=300&chaos=true&spike_seconds=0&line_ending=crlf&tags=false";

        byte[] first = get(url).body();
        assertThat(get(url).body()).isEqualTo(first);
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n", -1)).hasSize(301);
        assertThat(text).doesNotContain("_chaos_injected");
    }

    @Test
    void withoutASeedEachStreamIsDifferentButReproducibleFromItsSeedHeader() throws Exception {
        HttpResponse<byte[]> first = get(STREAM + "?truth=stream&speed=fast&limit=5");
        HttpResponse<byte[]> second = get(STREAM + "?truth=stream&speed=fast&limit=5");

        assertThat(first.headers().firstValue("X-Farm-Seed")).isNotEqualTo(second.headers().firstValue("X-Farm-Seed"));
        long seed = Long.parseLong(first.headers().firstValue("X-Farm-Seed").orElseThrow());
        List<String> served = new String(first.body(), StandardCharsets.UTF_8).lines().toList();
        List<String> expected = new FarmStream(StreamSpec.of(seed).withTruth(Truth.STREAM).withLimit(5)).lines().map(GeneratedLine::text)
                .toList();
        for (int i = 0; i < 5; i++) {
            assertThat(invoiceId(served.get(i))).isEqualTo(invoiceId(expected.get(i)));
        }
    }

    @Test
    void theManifestCountsMatchTheKindsOfTheServedLines() throws Exception {
        String query = "seed=99&limit=3000&chaos=true&chaos_rate=0.5&spike_seconds=0";
        JsonNode manifest = FarmStreamTests.JSON.readTree(get(STREAM + "/manifest?truth=stream&" + query).body());
        List<String> lines = new String(get(STREAM + "?truth=stream&speed=fast&" + query).body(), StandardCharsets.UTF_8)
                .lines().toList();

        assertThat(manifest.get("lines").size()).isEqualTo(3000);
        FarmStream stream = new FarmStream(StreamSpec.of(99).withTruth(Truth.STREAM).withChaos(0.5).withSpikeSeconds(0).withLimit(3000));
        long[] counted = new long[LineKind.values().length];
        for (int i = 0; i < lines.size(); i++) {
            JsonNode entry = manifest.get("lines").get(i);
            GeneratedLine line = stream.line(i);
            assertThat(line.text()).isEqualTo(lines.get(i));
            assertThat(entry.get("index").longValue()).isEqualTo(i);
            assertThat(entry.get("kind").asString()).isEqualTo(line.kind().name());
            assertThat(entry.get("invoice_id").isNull() ? null : entry.get("invoice_id").asString())
                    .isEqualTo(line.invoiceId());
            assertThat(entry.get("damaged_fields").valueStream().map(JsonNode::asString).toList())
                    .isEqualTo(line.damagedFields());
            FarmStreamTests.assertShape(line);
            counted[line.kind().ordinal()]++;
        }
        for (LineKind kind : LineKind.values()) {
            assertThat(manifest.get("counts").get(kind.name()).longValue()).as(kind.name())
                    .isEqualTo(counted[kind.ordinal()]);
        }
        assertThat(counted[LineKind.CONTROL.ordinal()]).isZero();
    }

    @Test
    void theSampleIsOneCleanRecordEqualToItsRecordOfTruth() throws Exception {
        HttpResponse<byte[]> response = get(STREAM + "/sample?truth=stream");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        ObjectNode record = (ObjectNode) FarmStreamTests.JSON.readTree(response.body());
        record.remove(FarmStreamTests.STREAM_FIELDS);
        assertThat(record).isEqualTo(FarmStreamTests.truth(record.get("invoice_id").asString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"speed=turbo", "chaos=maybe", "seed=abc", "limit=-1", "chaos_rate=1.5",
            "chaos_rate=x", "spike_seconds=-2", "tags=yes", "line_ending=cr", "mismatch_rate=-0.1"})
    void badParametersAreRefusedWithAProblemNamingTheParameter(String query) throws Exception {
        HttpResponse<byte[]> response = get(STREAM + "?truth=stream&" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = FarmStreamTests.JSON.readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/malformed-request");
        assertThat(problem.get("detail").asString()).contains("'" + query.substring(0, query.indexOf('=')) + "'");
    }

    @Test
    void aBadParameterIsAProblemEvenForANdjsonOnlyClient() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(STREAM + "?truth=stream&speed=turbo"))
                .header("Accept", "application/x-ndjson").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("speed");
    }

    @Test
    void theManifestRequiresASeedAndALimitOfAtMost100000() throws Exception {
        assertThat(get(STREAM + "/manifest?limit=10").statusCode()).isEqualTo(400);
        assertThat(get(STREAM + "/manifest?seed=1").statusCode()).isEqualTo(400);
        assertThat(get(STREAM + "/manifest?seed=1&limit=100001").statusCode()).isEqualTo(400);
    }

    @Test
    void aLatencySpikeStallsTheStreamForSpikeSeconds() throws Exception {
        StreamSpec spec = StreamSpec.of(3).withTruth(Truth.STREAM).withChaos(1).withSpikeSeconds(1).withLimit(40);
        long control = LongStream.range(0, 40).filter(i -> new FarmStream(spec).line(i).kind() == LineKind.CONTROL)
                .findFirst().orElseThrow();
        List<Long> arrivals = new ArrayList<>();
        try (InputStream body = http.send(HttpRequest.newBuilder(uri(STREAM
                        + "?truth=stream&speed=fast&seed=3&chaos=true&chaos_rate=1&spike_seconds=1&limit=" + (control + 2))).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                arrivals.add(System.nanoTime());
            }
        }

        assertThat(arrivals).hasSize((int) control + 2);
        long stallMillis = (arrivals.get((int) control + 1) - arrivals.get((int) control)) / 1_000_000;
        assertThat(stallMillis).isBetween(900L, 5_000L);
    }

    @Test
    void anEndlessNormalSpeedStreamOutlivesTheConfiguredAsyncTimeout() throws Exception {
        try (InputStream body = http.send(HttpRequest.newBuilder(uri(STREAM + "?truth=stream&seed=5")).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            // 10 lines at about 10/s take about 1 s: more than three times the 300 ms async timeout.
            for (int i = 0; i < 10; i++) {
                assertThat(reader.readLine()).as("line %d", i).startsWith("{\"record_type\":\"invoice\"");
            }
        }
    }

    @Test
    void aClientDisconnectEndsTheGeneration() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> activeStreams.active() == 0);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + STREAM + "?truth=stream&speed=fast&seed=8 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            long read = 0;
            while (read < 1_000_000) {
                read += in.read(chunk);
            }
            assertThat(activeStreams.active()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> activeStreams.active() == 0);
    }

    @Test
    void theFirstLineOfEachStreamIsTimedPerSeedForTheSwitchBenchmark() throws Exception {
        java.time.Instant before = java.time.Instant.now();
        get(STREAM + "?truth=stream&speed=fast&seed=424242&limit=3000&chaos=false");
        java.time.Instant after = java.time.Instant.now();

        JsonNode opened = FarmStreamTests.JSON.readTree(get(STREAM + "/opened").body());

        java.time.Instant firstByte = java.time.Instant.parse(opened.get("first_byte_at").get("424242").asString());
        assertThat(firstByte).isBetween(before, after);
        assertThat(opened.get("by_seed").get("424242").asLong()).isEqualTo(1);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String invoiceId(String line) {
        return FarmStreamTests.JSON.readTree(line).get("invoice_id").asString();
    }

}
