package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.connector.ConnectorApiSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = ProvisionController.class, properties = "dcl.provision-token=")
@Import({ConnectorApiSlice.class, ProvisioningPackageValidator.class})
class ProvisioningDisabledTests {

    @Autowired
    ConnectorApiSlice.DataDir sliceDataDir;

    @Autowired
    MockMvcTester mvc;

    @Test
    void provisioningIsRefusedWith503WhileNoTokenIsConfigured() throws Exception {
        MvcTestResult response = mvc.post().uri("/api/ingest/provision").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer anything")
                .content(ProvisioningApiTests.pkg("mule_auto_01", "http://localhost:8088/a")).exchange();

        assertThat(response).hasStatus(503);
        assertThat(response.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getResponse().getContentAsString())
                .contains("\"type\":\"https://aos-handshake/problems/provisioning-disabled\"")
                .contains("\"detail\":\"provisioning disabled: DCL_PROVISION_TOKEN is not set\"")
                .doesNotContain("Exception");
        assertThat(sliceDataDir.path().resolve("mule_auto_01")).doesNotExist();
    }
}
