package com.autonomos.handshake.dcl.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.contracts.telemetry.ConnectorState;
import com.autonomos.handshake.dcl.connector.StubConnectorRuntimeConfiguration.StubConnectorRuntime;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The connector resource's lifecycle, on the web slice with the real registry and file store. */
@WebMvcTest(controllers = ConnectorController.class, properties = ConnectorApiSlice.TOKEN_PROPERTY)
@Import(ConnectorApiSlice.class)
class ConnectorLifecycleApiTests {

    @Autowired
    ConnectorApiSlice.DataDir sliceDataDir;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    StubConnectorRuntime runtime;

    @Autowired
    ObjectMapper mapper;

    private MvcTestResult send(String method, String path) {
        return mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", "Bearer " + ConnectorApiSlice.TOKEN).exchange();
    }

    private JsonNode json(MvcTestResult result) throws Exception {
        return mapper.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void lifecycleShowsRuntimeStatePausesResumesRestartsAndDeletesKeepingFiles() throws Exception {
        registry.provision(new ProvisioningPackage("life_01", "mulesoft_stream", "http://localhost:8088/a",
                ConnectorPolicy.repairing()));
        Instant since = Instant.parse("2025-05-06T07:08:09Z");
        runtime.report("life_01", new ConnectorRuntimeStatus(ConnectorState.RECONNECTING, 1, "connection refused",
                since, since));

        JsonNode status = json(send("GET", "/api/connectors/life_01"));
        assertThat(status.get("state").asString()).isEqualTo("RECONNECTING");
        assertThat(status.get("version").asLong()).isEqualTo(1);
        assertThat(status.get("target_url").asString()).isEqualTo("http://localhost:8088/a");
        assertThat(status.get("source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(status.get("since").asString()).isEqualTo("2025-05-06T07:08:09Z");
        assertThat(status.get("last_error").asString()).isEqualTo("connection refused");
        assertThat(status.get("worker_id").asString()).isEqualTo(ConnectorApiSlice.WORKER);
        assertThat(json(send("GET", "/api/connectors")).get("connectors").valueStream()
                .map(c -> c.get("connector_id").asString())).contains("life_01");

        MvcTestResult paused = send("POST", "/api/connectors/life_01/pause");
        assertThat(paused).hasStatus(202);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        assertThat(registry.find("life_01")).get().extracting(ConnectorConfig::paused).isEqualTo(true);
        assertThat(sliceDataDir.path().resolve("life_01/connector.json")).content().contains("\"paused\":true");

        MvcTestResult resumed = send("POST", "/api/connectors/life_01/resume");
        assertThat(resumed).hasStatus(202);
        assertThat(json(resumed).get("state").asString()).isEqualTo("RECONNECTING");

        assertThat(send("POST", "/api/connectors/life_01/restart")).hasStatus(202);
        assertThat(runtime.restarts()).containsExactly("life_01");

        Files.writeString(sliceDataDir.path().resolve("life_01/records.ndjson"), "{}\n");
        assertThat(send("DELETE", "/api/connectors/life_01")).hasStatus(204);
        assertThat(send("GET", "/api/connectors/life_01")).hasStatus(404);
        assertThat(sliceDataDir.path().resolve("life_01/records.ndjson")).exists();
        assertThat(sliceDataDir.path().resolve("life_01/connector.json")).doesNotExist();
    }

    @Test
    void aCommandWithoutTheOperatorTokenIsRefusedAndChangesNothing() throws Exception {
        registry.provision(new ProvisioningPackage("guarded", "mulesoft_stream", "http://localhost:8088/g",
                ConnectorPolicy.repairing()));

        MvcTestResult refused = mvc.post().uri("/api/connectors/guarded/pause").exchange();

        assertThat(refused).hasStatus(401);
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(registry.find("guarded")).get().extracting(ConnectorConfig::paused).isEqualTo(false);
    }
}
