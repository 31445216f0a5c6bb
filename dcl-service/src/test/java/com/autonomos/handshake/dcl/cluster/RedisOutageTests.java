package com.autonomos.handshake.dcl.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.autonomos.handshake.farm.FarmSimulatorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A cluster-mode worker whose Redis goes away and comes back. The test runs its own throw-away {@code redis-server}
 * on a free port (never the shared one), so it can kill it. Skipped with the reason printed when no
 * {@code redis-server} can be started, except under {@code CI=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.provision-token=" + RedisOutageTests.TOKEN, "dcl.ingest.reconnect.on-end=false"})
class RedisOutageTests {

    static final String TOKEN = "outage-token-0123456789";
    static int redisPort;
    static Process redis;
    static ConfigurableApplicationContext farm;
    static int farmPort;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startOwnRedis() throws Exception {
        redisPort = freePort();
        farm = new SpringApplicationBuilder(FarmSimulatorApplication.class)
                .properties("server.port=0", "spring.config.name=farm-simulator-embedded", "spring.main.banner-mode=off")
                .run();
        farmPort = ((WebServerApplicationContext) farm).getWebServer().getPort();
        try {
            redis = startRedis();
        } catch (IOException e) {
            String reason = "cannot start redis-server (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            System.out.println("Skipping Redis outage test: " + reason);
            Assumptions.abort(reason);
        }
    }

    @AfterAll
    static void stopOwnRedis() throws IOException, InterruptedException {
        if (farm != null) {
            farm.close();
        }
        if (redis != null) {
            signal(redis, "CONT");
            redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
        registry.add("dcl.cluster.redis-url", () -> "redis://127.0.0.1:" + redisPort + "/0");
        registry.add("dcl.cluster.prefix", () -> "outage");
        registry.add("dcl.cluster.lease-ttl", () -> "10s");
        registry.add("dcl.allowed-sources", () -> "localhost:" + farmPort);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessNamesRedisWhileItIsUnreachableAndRecoversWhenItReturns() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

        HttpResponse<String> down = awaitStatus("/actuator/health/readiness", 503);
        assertThat(down.body()).contains("\"cluster\"").contains("Redis unreachable").contains("127.0.0.1:" + redisPort);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        redis = startRedis();

        HttpResponse<String> up = awaitStatus("/actuator/health/readiness", 200);
        assertThat(up.body()).contains("\"mode\":\"redis\"");
        assertThat(get("/api/cluster").body()).contains("\"mode\":\"redis\"");
    }

    @Test
    void aRedisThatStallsShorterThanTheLeaseHoldsTheStreamBackAndLosesNothing() throws Exception {
        int lines = 60; // a clean seeded stream at ~10 lines/s, read once (no reconnect at its end)
        HttpResponse<String> provisioned = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/ingest/provision"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"connector_id":"stall","source_type":"mulesoft_stream",
                         "target_url":"http://localhost:%d/api/stream/synthetic/mulesoft?seed=5&limit=%d",
                         "policy":{"repair_enabled":true}}""".formatted(farmPort, lines))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(provisioned.statusCode()).as(provisioned.body()).isEqualTo(200);
        awaitTelemetry("\"delivered\":1"); // flowing

        signal(redis, "STOP"); // every write now times out and is retried; the pipeline stops pulling
        Thread.sleep(3000);
        signal(redis, "CONT");

        String telemetry = awaitTelemetry("\"lines_received\":" + lines + ",");
        assertThat(telemetry).contains("\"delivered\":" + lines + ",").contains("\"dead_lettered\":0,");
    }

    private String awaitTelemetry(String fragment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String body;
        do {
            body = get("/api/ingest/telemetry").body();
            if (body.contains(fragment)) {
                return body;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("telemetry never showed " + fragment + ": " + body);
    }

    private static void signal(Process p, String name) throws IOException, InterruptedException {
        if (p.isAlive()) {
            new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor();
        }
    }

    private static Process startRedis() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", redisPort)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("redis-server exited with " + p.exitValue());
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not listen on " + redisPort);
    }

    private HttpResponse<String> awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last;
        do {
            last = get(path);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not answer " + status + "; last: " + last.statusCode() + " " + last.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
