package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.testing.RawSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow and oversized bodies over raw sockets (issue 10, finding 3): a command refused for its token or its declared
 * size is answered problem+json with {@code Connection: close} and the connection is closed without DCL reading the
 * body; a body that trickles in with a valid token ends in 408 once {@code dcl.provision.body-read-timeout} is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dcl.provision-token=" + SlowBodyTests.TOKEN,
        "dcl.provision.body-read-timeout=1s",
        "server.tomcat.connection-timeout=2s"})
class SlowBodyTests {

    static final String TOKEN = "slow-body-token";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void anUnauthenticatedBodyIsRefusedAndTheConnectionClosedWithoutReadingTheBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000); // far above the answer's real latency; reached only if DCL waits for the body
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ingest/provision HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{\"connector_id\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = RawSocket.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 401");
            assertThat(answer.toLowerCase()).contains("connection: close").contains("application/problem+json")
                    .contains("www-authenticate: bearer");
        }
    }

    @Test
    void aBodySentAnywhereElseWithoutATokenIsRefusedTooRatherThanDrained() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = RawSocket.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 401");
            assertThat(answer.toLowerCase()).contains("connection: close");
        }
    }

    @Test
    void aDeclaredOversizedBodyIsRefused413BeforeItIsRead() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ingest/provision HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 100000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = RawSocket.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase()).contains("connection: close").contains("max-body-size");
        }
    }

    @Test
    void aTricklingBodyWithAValidTokenEndsIn408AfterTheBodyReadTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ingest/provision HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) { // one byte every 100 ms: at most 10 s, far past the 1 s timeout
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // DCL hung up, as it should
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            String answer = RawSocket.readUntilClosed(socket.getInputStream());
            trickle.interrupt();
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("dcl.provision.body-read-timeout");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutAContentLength() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ingest/provision HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("{\"connector_id\":\"chunky\",\"notes\":\"" + "x".repeat(70 * 1024) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = RawSocket.readUntilClosed(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("https://aos-handshake/problems/payload-too-large")
                    .contains("request body is more than 65536 bytes; the limit is 65536 bytes "
                            + "(dcl.provision.max-body-size)");
        }
        assertThat(dataDir.resolve("chunky")).doesNotExist();
    }
}
