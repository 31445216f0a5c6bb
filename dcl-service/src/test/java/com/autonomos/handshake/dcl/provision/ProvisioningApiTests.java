package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.connector.ConnectorRuntimeStatus;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ProvisioningApiTests {

    static final String TOKEN = "test-token-0123456789";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
        registry.add("dcl.provision-token", () -> TOKEN);
    }

    @MockitoBean
    ConnectorRuntime runtime;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newHttpClient();

    static String pkg(String id, String url) {
        return """
                {"connector_id":"%s","source_type":"mulesoft_stream","target_url":"%s","policy":{"repair_enabled":true}}"""
                .formatted(id, url);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) {
        return mapper.readTree(response.body());
    }

    @Test
    void provisioningLogsTheHandshakeLineAndAnIdenticalPackageIsUnchanged(CapturedOutput output) throws Exception {
        String url = "http://localhost:8088/api/stream/synthetic/mulesoft?chaos=true";

        HttpResponse<String> first = post("/api/ingest/provision", pkg("mule_auto_01", url), "Bearer " + TOKEN);
        HttpResponse<String> second = post("/api/ingest/provision", pkg("mule_auto_01", url), "Bearer " + TOKEN);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).toString()).isEqualTo("{\"status\":\"provisioned\",\"connector_id\":\"mule_auto_01\","
                + "\"version\":1,\"target_url\":\"" + url + "\",\"previous_target_url\":null}");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("status").asString()).isEqualTo("unchanged");
        assertThat(json(second).get("version").asLong()).isEqualTo(1);
        assertThat(output.getOut().lines()
                .filter(line -> line.contains("Received Provisioning Command from AOD"))
                .toList()).singleElement().satisfies(line -> {
                    assertThat(line).contains(" INFO ");
                    assertThat(line).endsWith(": Received Provisioning Command from AOD. Switching Target to " + url);
                });
        assertThat(output.getOut()).contains("Provisioning Command unchanged connector=mule_auto_01 version=1");
    }

    @Test
    void reprovisioningSwitchesTheTargetAndReportsThePreviousOne() throws Exception {
        post("/api/ingest/provision", pkg("switcher", "http://localhost:8088/a"), "Bearer " + TOKEN);

        HttpResponse<String> response = post("/api/ingest/provision", pkg("switcher", "http://localhost:8088/b"), "Bearer " + TOKEN);

        JsonNode body = json(response);
        assertThat(body.get("status").asString()).isEqualTo("provisioned");
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(body.get("target_url").asString()).isEqualTo("http://localhost:8088/b");
        assertThat(body.get("previous_target_url").asString()).isEqualTo("http://localhost:8088/a");
        JsonNode config = json(send("GET", "/api/ingest/config"));
        JsonNode switcher = config.get("connectors").valueStream()
                .filter(c -> c.get("connector_id").asString().equals("switcher")).findFirst().orElseThrow();
        assertThat(switcher.get("version").asLong()).isEqualTo(2);
        assertThat(switcher.get("paused").asBoolean()).isFalse();
        assertThat(switcher.get("source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(switcher.get("policy").get("repair_enabled").asBoolean()).isTrue();
        assertThat(switcher.get("updated_at").asString()).isNotBlank();
    }

    @Test
    void missingOrWrongTokenIsRefusedWithABearerChallenge() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer " + TOKEN + "x"}) {
            HttpResponse<String> response = post("/api/ingest/provision", pkg("never", "http://localhost:8088/a"), authorization);

            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(json(response).get("type").asString()).isEqualTo("https://aos-handshake/problems/unauthorized");
        }
        assertThat(dataDir.resolve("never")).doesNotExist();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWithoutAContentLength() throws Exception {
        byte[] big = ("{\"connector_id\":\"chunky\",\"notes\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ingest/provision"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))) // unknown length: chunked
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("type").asString()).isEqualTo("https://aos-handshake/problems/payload-too-large");
        assertThat(json(response).get("detail").asString()).isEqualTo(
                "request body is more than 65536 bytes; the limit is 65536 bytes (dcl.provision.max-body-size)");
        assertThat(dataDir.resolve("chunky")).doesNotExist();
    }

    @Test
    void lifecycleShowsRuntimeStatePausesResumesRestartsAndDeletesKeepingFiles() throws Exception {
        post("/api/ingest/provision", pkg("life_01", "http://localhost:8088/a"), "Bearer " + TOKEN);
        Instant since = Instant.parse("2025-05-06T07:08:09Z");
        given(runtime.status("life_01")).willReturn(Optional.of(
                new ConnectorRuntimeStatus(ConnectorState.RECONNECTING, 1, "connection refused", since, since)));

        JsonNode status = json(send("GET", "/api/connectors/life_01"));
        assertThat(status.get("state").asString()).isEqualTo("RECONNECTING");
        assertThat(status.get("version").asLong()).isEqualTo(1);
        assertThat(status.get("target_url").asString()).isEqualTo("http://localhost:8088/a");
        assertThat(status.get("source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(status.get("since").asString()).isEqualTo("2025-05-06T07:08:09Z");
        assertThat(status.get("last_error").asString()).isEqualTo("connection refused");
        assertThat(json(send("GET", "/api/connectors")).get("connectors").valueStream()
                .map(c -> c.get("connector_id").asString())).contains("life_01");

        HttpResponse<String> paused = send("POST", "/api/connectors/life_01/pause");
        assertThat(paused.statusCode()).isEqualTo(202);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");

        HttpResponse<String> resumed = send("POST", "/api/connectors/life_01/resume");
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(json(resumed).get("state").asString()).isEqualTo("RECONNECTING");

        assertThat(send("POST", "/api/connectors/life_01/restart").statusCode()).isEqualTo(202);
        verify(runtime).restart("life_01");

        Files.writeString(dataDir.resolve("life_01/records.ndjson"), "{}\n");
        assertThat(send("DELETE", "/api/connectors/life_01").statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/connectors/life_01").statusCode()).isEqualTo(404);
        assertThat(dataDir.resolve("life_01/records.ndjson")).exists();
        assertThat(dataDir.resolve("life_01/connector.json")).doesNotExist();
    }
}
