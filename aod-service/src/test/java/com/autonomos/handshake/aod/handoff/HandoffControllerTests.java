package com.autonomos.handshake.aod.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.net.URI;

import com.autonomos.handshake.contracts.discovery.HandoffRequest;
import com.autonomos.handshake.contracts.discovery.HandoffResult;
import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisionResult;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.ErrorResponseException;

/** The handoff endpoint's HTTP contract, with the service mocked: how requests are read and errors are written. */
@WebMvcTest(HandoffController.class)
class HandoffControllerTests {

    static final String HANDOFF = "/api/actions/provision-connector";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    HandoffService handoffs;

    @Test
    void anEmptyBodyReachesTheServiceAsNoRequest() {
        ProvisioningPackage pkg = new ProvisioningPackage("mule_auto_01", "mulesoft_stream",
                "http://farm/api/stream/synthetic/mulesoft?chaos=true", ConnectorPolicy.repairing());
        given(handoffs.handOff(isNull())).willReturn(new HandoffResult(HandoffResult.SENT, "mule_auto_01", null, pkg,
                new ProvisionResult("provisioned", "mule_auto_01", 4, pkg.targetUrl(), null)));

        assertThat(mvc.post().uri(HANDOFF))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("Provisioning Command Sent"))
                .hasPathSatisfying("$.dcl.version", v -> v.assertThat().isEqualTo(4));
        verify(handoffs).handOff(isNull());
    }

    @Test
    void aJsonBodyIsPassedOnAsAHandoffRequest() {
        given(handoffs.handOff(any())).willThrow(failure(HttpStatus.GATEWAY_TIMEOUT));

        mvc.post().uri(HANDOFF).contentType(MediaType.APPLICATION_JSON)
                .content("{\"platform\":\"mulesoft\",\"chaos\":false}").exchange();

        verify(handoffs).handOff(new HandoffRequest("mulesoft", false));
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        assertThat(mvc.post().uri(HANDOFF).contentType(MediaType.APPLICATION_JSON).content("{\"chaos\": tru"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://aos-handshake/problems/malformed-request"))
                .hasPathSatisfying("$.title", v -> v.assertThat().isEqualTo("Malformed request"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString()
                        .startsWith("Request body is not valid JSON for this endpoint: "));
        verifyNoInteractions(handoffs);
    }

    @Test
    void aWrongJsonTypeIsABadRequestProblem() {
        assertThat(mvc.post().uri(HANDOFF).contentType(MediaType.APPLICATION_JSON).content("{\"chaos\":[1]}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(handoffs);
    }

    @Test
    void aNonJsonContentTypeIsUnsupportedMediaType() {
        assertThat(mvc.post().uri(HANDOFF).contentType(MediaType.TEXT_PLAIN).content("platform=mulesoft"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo(415));
        verifyNoInteractions(handoffs);
    }

    @Test
    void aPlatformOutsideTheContractIsUnprocessableWithTheFieldNamed() {
        assertThat(mvc.post().uri(HANDOFF).contentType(MediaType.APPLICATION_JSON)
                .content("{\"platform\":\"Mule Soft!\"}"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://aos-handshake/problems/validation"))
                .hasPathSatisfying("$.title", v -> v.assertThat().isEqualTo("Validation failed"))
                .hasPathSatisfying("$.errors[0].pointer", v -> v.assertThat().isEqualTo("#/platform"))
                .hasPathSatisfying("$.errors[0].detail", v -> v.assertThat().asString().isNotBlank());
        verifyNoInteractions(handoffs);
    }

    @Test
    void aHandoffFailureIsWrittenAsItsProblem() {
        given(handoffs.handOff(isNull())).willThrow(failure(HttpStatus.SERVICE_UNAVAILABLE));

        assertThat(mvc.post().uri(HANDOFF))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://aos-handshake/problems/test"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().isEqualTo("test failure"))
                .hasPathSatisfying("$.outcome", v -> v.assertThat().isEqualTo("dcl_unavailable"));
    }

    @Test
    void anUnexpectedErrorIsAnInternalErrorProblemWithoutInternals() {
        given(handoffs.handOff(isNull())).willThrow(new IllegalStateException("secret internal state xyz"));

        var result = mvc.post().uri(HANDOFF).exchange();

        assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://aos-handshake/problems/internal-error"))
                .hasPathSatisfying("$.detail",
                        v -> v.assertThat().isEqualTo("AOD failed unexpectedly; the cause is in AOD's log."));
        assertThat(result).bodyText().doesNotContain("secret internal state", "IllegalStateException", "at com.");
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        assertThat(mvc.get().uri(HANDOFF))
                .hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("https://aos-handshake/problems/method-not-allowed"));
    }

    private static ErrorResponseException failure(HttpStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "test failure");
        problem.setType(URI.create("https://aos-handshake/problems/test"));
        problem.setProperty("outcome", "dcl_unavailable");
        return new ErrorResponseException(status, problem, null);
    }
}
