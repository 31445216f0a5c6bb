package com.autonomos.handshake.dcl.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.DclApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stops a whole DCL and starts a new one on the same data directory. */
class ConnectorPersistenceAcrossRestartTests {

    private static final String TOKEN = "restart-token";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DclApplication.class, StubConnectorRuntimeConfiguration.class)
                .run("--server.port=0", "--dcl.data-dir=" + dataDir, "--dcl.provision-token=" + TOKEN);
    }

    private HttpResponse<String> call(ConfigurableApplicationContext app, String method, String path, String body) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isLessThan(300);
        return response;
    }

    private static String pkg(String id, String url) {
        return "{\"connector_id\":\"" + id + "\",\"source_type\":\"mulesoft_stream\",\"target_url\":\"" + url
                + "\",\"policy\":{\"repair_enabled\":true}}";
    }

    @Test
    void aRestartedDclResumesTheSameConnectorsAtTheSameVersions() throws Exception {
        String configBefore;
        try (ConfigurableApplicationContext app = start()) {
            call(app, "POST", "/api/ingest/provision", pkg("mule_auto_01", "http://localhost:8088/a"));
            call(app, "POST", "/api/ingest/provision", pkg("mule_auto_01", "http://localhost:8088/b"));
            call(app, "POST", "/api/ingest/provision", pkg("second", "http://localhost:8088/c"));
            call(app, "POST", "/api/connectors/second/pause", null);
            configBefore = call(app, "GET", "/api/ingest/config", null).body();
        }

        try (ConfigurableApplicationContext app = start()) {
            String configAfter = call(app, "GET", "/api/ingest/config", null).body();
            assertThat(mapper.readTree(configAfter)).isEqualTo(mapper.readTree(configBefore));
            JsonNode connectors = mapper.readTree(configAfter).get("connectors");
            assertThat(connectors.get(0).get("connector_id").asString()).isEqualTo("mule_auto_01");
            assertThat(connectors.get(0).get("version").asLong()).isEqualTo(2);
            assertThat(connectors.get(0).get("target_url").asString()).isEqualTo("http://localhost:8088/b");
            assertThat(connectors.get(1).get("paused").asBoolean()).isTrue();
            HttpResponse<String> again = call(app, "POST", "/api/ingest/provision", pkg("mule_auto_01", "http://localhost:8088/b"));
            assertThat(mapper.readTree(again.body()).get("status").asString()).isEqualTo("unchanged");
            assertThat(mapper.readTree(again.body()).get("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aGarbledConfigFileIsReportedAsFailedAndCanBeProvisionedAgain() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            call(app, "POST", "/api/ingest/provision", pkg("healthy", "http://localhost:8088/a"));
            call(app, "POST", "/api/ingest/provision", pkg("garbled", "http://localhost:8088/b"));
        }
        Files.writeString(dataDir.resolve("garbled/connector.json"), "{\"format\":1,\"connector_id\":\"garb\u0000");

        try (ConfigurableApplicationContext app = start()) {
            JsonNode status = mapper.readTree(call(app, "GET", "/api/connectors/garbled", null).body());
            assertThat(status.get("state").asString()).isEqualTo("FAILED");
            assertThat(status.get("last_error").asString())
                    .startsWith("stored configuration unreadable: connector.json is not a valid connector file");
            JsonNode config = mapper.readTree(call(app, "GET", "/api/ingest/config", null).body());
            assertThat(config.get("connectors").size()).isEqualTo(1);
            assertThat(config.get("connectors").get(0).get("connector_id").asString()).isEqualTo("healthy");
            assertThat(config.get("problems").get(0).get("connector_id").asString()).isEqualTo("garbled");
            JsonNode list = mapper.readTree(call(app, "GET", "/api/connectors", null).body()).get("connectors");
            assertThat(list.valueStream().map(c -> c.get("connector_id").asString() + "=" + c.get("state").asString()))
                    .containsExactly("garbled=FAILED", "healthy=CONNECTING");

            HttpResponse<String> reprovisioned = call(app, "POST", "/api/ingest/provision", pkg("garbled", "http://localhost:8088/b"));
            assertThat(reprovisioned.statusCode()).isEqualTo(200);
            assertThat(mapper.readTree(call(app, "GET", "/api/connectors/garbled", null).body()).get("state").asString())
                    .isEqualTo("CONNECTING");
        }
        try (var files = Files.list(dataDir.resolve("garbled"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("connector.json.broken-"))
                    .contains("connector.json");
        }
    }
}
