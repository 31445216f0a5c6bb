package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.connector.ConnectorApiSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The provisioning contract, on the web slice with the real registry and file store. */
@WebMvcTest(controllers = ProvisionController.class, properties = ConnectorApiSlice.TOKEN_PROPERTY)
@Import({ConnectorApiSlice.class, ProvisioningPackageValidator.class})
@ExtendWith(OutputCaptureExtension.class)
class ProvisioningApiTests {

    private static final String TOKEN = ConnectorApiSlice.TOKEN;

    @Autowired
    ConnectorApiSlice.DataDir sliceDataDir;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ObjectMapper mapper;

    static String pkg(String id, String url) {
        return """
                {"connector_id":"%s","source_type":"mulesoft_stream","target_url":"%s","policy":{"repair_enabled":true}}"""
                .formatted(id, url);
    }

    private MvcTestResult provision(String body, String authorization) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.post().uri("/api/ingest/provision")
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.exchange();
    }

    private JsonNode json(MvcTestResult result) throws Exception {
        return mapper.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void provisioningLogsTheHandshakeLineAndAnIdenticalPackageIsUnchanged(CapturedOutput output) throws Exception {
        String url = "http://localhost:8088/api/stream/synthetic/mulesoft?chaos=true";

        MvcTestResult first = provision(pkg("mule_auto_01", url), "Bearer " + TOKEN);
        MvcTestResult second = provision(pkg("mule_auto_01", url), "Bearer " + TOKEN);

        assertThat(first).hasStatusOk();
        assertThat(json(first).toString()).isEqualTo("{\"status\":\"provisioned\",\"connector_id\":\"mule_auto_01\","
                + "\"version\":1,\"target_url\":\"" + url + "\",\"previous_target_url\":null}");
        assertThat(second).hasStatusOk();
        assertThat(json(second).get("status").asString()).isEqualTo("unchanged");
        assertThat(json(second).get("version").asLong()).isEqualTo(1);
        assertThat(output.getOut().lines()
                .filter(line -> line.contains("Received Provisioning Command from AOD"))
                .toList()).singleElement().satisfies(line -> {
                    assertThat(line).contains(" INFO ");
                    assertThat(line).endsWith(": Received Provisioning Command from AOD. Switching Target to " + url);
                });
        assertThat(output.getOut()).contains("Provisioning Command unchanged connector=mule_auto_01 version=1");
        assertThat(sliceDataDir.path().resolve("mule_auto_01/connector.json")).content().contains(url);
    }

    @Test
    void reprovisioningSwitchesTheTargetAndReportsThePreviousOne() throws Exception {
        provision(pkg("switcher", "http://localhost:8088/a"), "Bearer " + TOKEN);

        JsonNode body = json(provision(pkg("switcher", "http://localhost:8088/b"), "Bearer " + TOKEN));

        assertThat(body.get("status").asString()).isEqualTo("provisioned");
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(body.get("target_url").asString()).isEqualTo("http://localhost:8088/b");
        assertThat(body.get("previous_target_url").asString()).isEqualTo("http://localhost:8088/a");
        JsonNode config = json(mvc.get().uri("/api/ingest/config").exchange());
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
            MvcTestResult response = provision(pkg("never", "http://localhost:8088/a"), authorization);

            assertThat(response).as(String.valueOf(authorization)).hasStatus(401);
            assertThat(response.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.getResponse().getContentType()).isEqualTo("application/problem+json");
            assertThat(json(response).get("type").asString()).isEqualTo("https://aos-handshake/problems/unauthorized");
        }
        assertThat(sliceDataDir.path().resolve("never")).doesNotExist();
    }
}
