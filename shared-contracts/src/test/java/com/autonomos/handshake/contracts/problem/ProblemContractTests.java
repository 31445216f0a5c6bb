package com.autonomos.handshake.contracts.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The one error vocabulary of the services: type URIs and the {@code errors} entries, as clients see them. */
class ProblemContractTests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void everyTypeIsTheBaseFollowedByItsSlug() {
        assertThat(ProblemType.BASE).isEqualTo("https://aos-handshake/problems/");
        assertThat(ProblemType.VALIDATION.uri()).isEqualTo(URI.create("https://aos-handshake/problems/validation"));
        assertThat(ProblemType.DCL_REFUSED.uri()).isEqualTo(URI.create("https://aos-handshake/problems/dcl-refused"));
        assertThat(Arrays.stream(ProblemType.values()))
                .allSatisfy(type -> assertThat(type.uri().toString()).isEqualTo(ProblemType.BASE + type.slug()));
    }

    @Test
    void theSlugsStatusesAndTitlesArePinned() {
        assertThat(Arrays.stream(ProblemType.values()).map(t -> t.slug() + " " + t.status() + " " + t.title()))
                .containsExactly(
                        "malformed-request 400 Malformed request",
                        "unauthorized 401 Unauthorized",
                        "not-found 404 Not found",
                        "method-not-allowed 405 Method not allowed",
                        "not-acceptable 406 Not acceptable",
                        "request-timeout 408 Request timeout",
                        "conflict 409 Conflict",
                        "payload-too-large 413 Payload too large",
                        "unsupported-media-type 415 Unsupported media type",
                        "validation 422 Validation failed",
                        "internal-error 500 Internal error",
                        "unavailable 503 Service unavailable",
                        "invalid-connector-id 400 Invalid connector id",
                        "unknown-connector 404 Unknown connector",
                        "connector-limit 409 Connector limit reached",
                        "egress-denied 422 Destination not allowed",
                        "storage-failure 500 Storage failure",
                        "provisioning-disabled 503 Provisioning disabled",
                        "unknown-platform 404 Unknown platform",
                        "route-not-detected 424 Route not detected",
                        "dcl-refused 502 DCL refused the provisioning package",
                        "dcl-unavailable 503 DCL unreachable",
                        "dcl-timeout 504 DCL did not answer in time",
                        "unknown-invoice 404 Invoice not found",
                        "unverifiable-invoice 422 Invoice cannot be verified",
                        "too-many-streams 503 Too many streams");
    }

    @Test
    void aStatusWithoutASpecificProblemFallsBackOnTheGenericTypeOfItsClass() {
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.MALFORMED_REQUEST);
        assertThat(ProblemType.forStatus(501)).isEqualTo(ProblemType.INTERNAL_ERROR);
    }

    @Test
    void aTypeIsFoundByItsUriAndForeignUrisAreNone() {
        assertThat(ProblemType.forUri(URI.create("https://aos-handshake/problems/egress-denied")))
                .isEqualTo(ProblemType.EGRESS_DENIED);
        assertThat(ProblemType.forUri(URI.create("about:blank"))).isNull();
    }

    @Test
    void aFieldErrorPointsIntoTheBodyWithAJsonPointerFragment() {
        assertThat(ProblemError.field("connector_id", "must not be blank"))
                .isEqualTo(new ProblemError("#/connector_id", null, "must not be blank"));
        assertThat(ProblemError.field("policy.source_of_truth_url", "x").pointer())
                .isEqualTo("#/policy/source_of_truth_url");
        assertThat(ProblemError.field("line_items[0].quantity", "x").pointer()).isEqualTo("#/line_items/0/quantity");
        assertThat(ProblemError.field("a/b~c", "x").pointer()).isEqualTo("#/a~1b~0c");
        assertThat(ProblemError.field("", "the body as a whole").pointer()).isEqualTo("#");
    }

    @Test
    void onTheWireAnErrorHasItsPlaceAndDetailAndNothingElse() {
        String json = JSON.writeValueAsString(List.of(
                ProblemError.field("policy.source_of_truth_url", "host not allowed"),
                ProblemError.parameter("limit", "must be less than or equal to 1000")));

        assertThat(json).isEqualTo("[{\"pointer\":\"#/policy/source_of_truth_url\",\"detail\":\"host not allowed\"},"
                + "{\"parameter\":\"limit\",\"detail\":\"must be less than or equal to 1000\"}]");
        assertThat(JSON.readValue("{\"pointer\":\"#/x\",\"detail\":\"d\"}", ProblemError.class))
                .isEqualTo(ProblemError.field("x", "d"));
    }
}
