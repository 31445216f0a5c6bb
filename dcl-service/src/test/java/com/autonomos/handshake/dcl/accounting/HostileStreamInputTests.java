package com.autonomos.handshake.dcl.accounting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
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
 * Hostile streams over real HTTP, beyond what the framer, classifier and pipeline tests already prove: a 100 MB line
 * costs bounded memory end to end, and object nesting 10,000 deep is refused like array nesting. How each stream fault
 * reconnects and heals: {@link StreamFaultReconnectTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.allowed-sources=localhost,127.0.0.1",
        "dcl.provision-token=" + DclApi.TOKEN,
        "dcl.ingest.reconnect.on-end=false",
        "dcl.ingest.reconnect.initial-backoff=400ms",
        "dcl.ingest.reconnect.max-backoff=1s"})
class HostileStreamInputTests {

    private static final long MB = 1024 * 1024;
    /** The stream once healed: 20 clean records of seed 5. */
    private static final String HEALTHY = new String(new FarmStream(StreamSpec.of(5).withTruth(Truth.STREAM).withLimit(20)).toBytes(),
            StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final WireMockExtension upstream = WireMockPeer.keepingStubsAcrossTests();
    static HttpServer server;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void startRawServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterAll
    static void stopRawServer() {
        server.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    DclApi dcl;

    @BeforeEach
    void client() {
        dcl = new DclApi(port, dataDir);
    }

    @Test
    void aHundredMegabyteLineIsDeadLetteredTooLargeWithBoundedMemoryAndTheFollowingLinesAreDelivered()
            throws Exception {
        CountDownLatch hugePartSent = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        server.createContext("/huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"notes\":\"".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'n');
                for (long sent = 0; sent < 100 * MB; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
                hugePartSent.countDown();
                measured.await(30, TimeUnit.SECONDS);
                out.write(("\"}\n" + HEALTHY).getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long before = usedHeapAfterGc();

        dcl.provision("huge", "http://127.0.0.1:" + server.getAddress().getPort() + "/huge", DclApi.repairing());
        assertThat(hugePartSent.await(60, TimeUnit.SECONDS)).isTrue();
        // DCL has read (nearly) all of the 100 MB line by now: what it retains must not grow with it
        long growth = usedHeapAfterGc() - before;
        measured.countDown();
        assertThat(growth).as("heap growth while a 100 MB line is read").isLessThan(64 * MB);

        JsonNode t = dcl.awaitSettled("huge", 21, Duration.ofSeconds(30));
        assertThat(t.get("delivered").asLong()).isEqualTo(20);
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(1);
        assertThat(t.get("toxic_blocked").asLong()).isEqualTo(1);
        JsonNode letter = dcl.awaitFile("huge", "dead-letters.ndjson", 1).get(0);
        assertThat(letter.get("reason").asString()).isEqualTo("too_large");
        assertThat(letter.get("raw_truncated").asBoolean()).isTrue();
        assertThat(letter.get("raw").asString()).hasSize(4096).startsWith("{\"notes\":\"nnnn");
        assertThat(letter.get("detail").asString()).contains(Long.toString(100 * MB + 12));
        assertThat(dcl.awaitFile("huge", "records.ndjson", 20)).extracting(r -> r.get("payload").get("_stream_meta")
                .get("record_number").asLong()).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void nestingTenThousandDeepIsDeadLetteredTooLargeAndTheStreamContinues() {
        String arrays = "[".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String unclosedObjects = "{\"a\":".repeat(10_000);
        String deepInvoice = HEALTHY.lines().findFirst().orElseThrow()
                .replace("\"_stream_meta\":", "\"extra\":" + objects + ",\"_stream_meta\":"); // an unknown field
        assertThat(deepInvoice).hasSizeGreaterThan(60_000);
        upstream.stubFor(get(urlPathEqualTo("/nesting")).willReturn(ndjson(
                String.join("\n", arrays, objects, unclosedObjects, deepInvoice) + "\n" + HEALTHY)));

        dcl.provision("nesting", upstream.baseUrl() + "/nesting", DclApi.repairing());

        JsonNode t = dcl.awaitSettled("nesting", 24, Duration.ofSeconds(30));
        assertThat(t.get("delivered").asLong()).isEqualTo(20);
        assertThat(t.get("dead_lettered").asLong()).isEqualTo(4);
        assertThat(meters.get("dcl.dead.letters").tag("connector", "nesting").tag("reason", "too_large").counter()
                .count()).isEqualTo(4);
        List<JsonNode> letters = dcl.awaitFile("nesting", "dead-letters.ndjson", 4);
        assertThat(letters).extracting(l -> l.get("reason").asString()).containsOnly("too_large");
        assertThat(letters).extracting(l -> l.get("raw").asString().substring(0, 5))
                .containsExactly("[[[[[", "{\"a\":", "{\"a\":", "{\"rec");
        dcl.awaitFile("nesting", "records.ndjson", 20);
    }

    private static ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
