package com.autonomos.handshake.dcl.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every 4xx over real Tomcat is problem+json and echoes nothing of the request (issue 10, finding 7): paths Tomcat
 * refuses itself (encoded slash, {@code %00}, a request line past the header limit) as much as those Spring MVC sees
 * (a 7,000-character or control-character id on the records and dead-letters endpoints, an unknown path, a bad
 * parameter). Raw sockets, because an HTTP client would refuse or normalise most of these request lines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dcl.provision-token=t")
class ProblemJsonEverywhereTests {

    /** Appears in every hostile path below; must never come back. */
    private static final String MARK = "zqxmark";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/connectors/zqxmark%2Fetc",
            "/api/connectors/zqxmark%2fetc/records",
            "/api/connectors/zqxmark%00/records",
            "/api/connectors/zqxmark%5C..%5Cetc",
            "/api/connectors/zqxmark%01%02/dead-letters",
            "/api/connectors/zqxmark.Bad/records",
            "/api/connectors/zqxmark<script>/dead-letters",
            "/api/connectors/zqxmark/records?limit=zqxmark",
            "/zqxmark/nowhere<script>",
            "LONG_ID_7000/records",
            "LONG_ID_10000"})
    void aHostilePathIsAnsweredProblemJsonWithoutEchoingIt(String path) throws IOException {
        String target = path.startsWith("LONG_ID_")
                ? "/api/connectors/" + MARK + "x".repeat(Integer.parseInt(path.substring(8, path.indexOf('/') < 0
                        ? path.length() : path.indexOf('/')))) + (path.contains("/") ? path.substring(path.indexOf('/')) : "")
                : path;
        String answer = get(target);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(head).as(answer).contains("content-type: application/problem+json");
        assertThat(body).as(answer).contains("\"type\":\"https://aos-handshake/problems/").contains("\"detail\":");
        assertThat(answer).as(answer).doesNotContain(MARK).doesNotContain("<html").doesNotContain("Exception");
    }

    private String get(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
