package com.autonomos.handshake.dcl.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard's event stream under a crowd (issue 10, finding 6): subscribers past the global or the per-client
 * limit get a 503 problem+json, the log gets one WARN line for all of them and no stack trace, and the handshake's
 * own line stays in the replay however many other lines were logged since.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.provision-token=" + EventSubscriberLimitsTests.TOKEN,
        "dcl.allowed-sources=127.0.0.1",
        "dcl.telemetry.max-subscribers=3",
        "dcl.telemetry.max-subscribers-per-client=2",
        "dcl.telemetry.log-replay=20"})
class EventSubscriberLimitsTests {

    static final String TOKEN = "events-token";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusedSubscribersGetProblemJsonOneWarningAndTheHandshakeLineStaysInTheReplay(CapturedOutput output)
            throws Exception {
        command("POST", "/api/ingest/provision", "{\"connector_id\":\"events\",\"source_type\":\"mulesoft_stream\","
                + "\"target_url\":\"http://127.0.0.1:9/stream\",\"policy\":{\"repair_enabled\":true}}");
        List<Socket> open = new ArrayList<>();
        try {
            open.add(subscribe("127.0.0.1"));
            open.add(subscribe("127.0.0.1"));
            // a third from the same address is over the per-client limit, though the global one has room
            assertThat(refusal("127.0.0.1")).startsWith("HTTP/1.1 503").contains("application/problem+json");
            open.add(subscribe("127.0.0.2"));
            for (int i = 0; i < 40; i++) { // the global limit now: every one of these is refused
                assertThat(refusal("127.0.0.3")).startsWith("HTTP/1.1 503").contains("too many event subscribers");
            }
            assertThat(output.getAll().lines().filter(l -> l.contains("Event subscribers refused")).count())
                    .isEqualTo(1);
            assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("HttpMediaTypeNotAcceptable");

            for (int i = 0; i < 15; i++) { // 30 lines: more than the replay of 20 holds
                command("POST", "/api/connectors/events/pause", null);
                command("POST", "/api/connectors/events/resume", null);
            }
            open.remove(0).close(); // DCL notices at its next send (a telemetry tick), then the slot is free
            String replay = await().atMost(Duration.ofSeconds(10)).until(() -> replay("127.0.0.1"), r -> r != null);
            assertThat(replay).contains("Received Provisioning Command from AOD. Switching Target to "
                    + "http://127.0.0.1:9/stream");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private void command(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    /** An accepted subscription from {@code from}, left open. */
    private Socket subscribe(String from) throws IOException {
        Socket socket = request(from);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("HTTP/1.1 200");
        return socket;
    }

    private String refusal(String from) throws IOException {
        try (Socket socket = request(from)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What a new subscriber from {@code from} is replayed, up to its first telemetry event. */
    private String replay(String from) throws IOException {
        try (Socket socket = request(from)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String status = in.readLine();
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                return null;
            }
            for (String line; (line = in.readLine()) != null && !line.equals("event:telemetry"); ) {
                seen.append(line).append('\n');
            }
            return seen.toString();
        }
    }

    private Socket request(String from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }
}
