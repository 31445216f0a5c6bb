package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dcl.provision-token=")
class ProvisioningDisabledTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("dcl.data-dir", () -> dataDir.toString());
    }

    @MockitoBean
    ConnectorRuntime runtime;

    @LocalServerPort
    int port;

    @Test
    void provisioningIsRefusedWith503WhileNoTokenIsConfigured() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/ingest/provision"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer anything")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                ProvisioningApiTests.pkg("mule_auto_01", "http://localhost:8088/a"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .contains("\"type\":\"https://aos-handshake/problems/provisioning-disabled\"")
                .contains("\"detail\":\"provisioning disabled: DCL_PROVISION_TOKEN is not set\"")
                .doesNotContain("Exception");
        assertThat(dataDir.resolve("mule_auto_01")).doesNotExist();
    }
}
