package com.autonomos.handshake.dcl.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.dcl.connector.ConnectorApiSlice;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.sink.RecordsApiSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every refusal of the provisioning, lifecycle and records APIs: status, problem+json type, a useful detail, and no
 * change to the registry or the files of the data directory. On the web slice: the controllers, the command filter
 * and the error advice, with the real registry and file store.
 */
@WebMvcTest(controllers = ProvisionController.class, properties = ConnectorApiSlice.TOKEN_PROPERTY)
@Import({ConnectorApiSlice.class, RecordsApiSlice.class, ProvisioningPackageValidator.class})
class BadInputCatalogueTests {

    private static final String AUTH = "Bearer " + ConnectorApiSlice.TOKEN;
    private static final String JSON = "application/json";
    private static final String PROVISION = "/api/ingest/provision";
    private static final String OK_URL = "http://localhost:8088/api/stream/synthetic/mulesoft";

    @Autowired
    ConnectorApiSlice.DataDir sliceDataDir;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ConnectorRegistry registry;

    @Autowired
    ObjectMapper mapper;

    record Case(String name, HttpMethod method, String path, String contentType, String authorization, String body,
            int status, String type, String detail, String errorField) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case provision(String name, String body, int status, String type, String detail, String errorField) {
        return new Case(name, HttpMethod.POST, PROVISION, JSON, AUTH, body, status, type, detail, errorField);
    }

    private static Case invalid(String name, String body, String errorField, String detail) {
        return provision(name, body, 422, "validation", detail, errorField);
    }

    private static String pkg(String id, String sourceType, String url) {
        return "{\"connector_id\":\"" + id + "\",\"source_type\":\"" + sourceType + "\",\"target_url\":\"" + url
                + "\",\"policy\":{\"repair_enabled\":true}}";
    }

    static Stream<Arguments> cases() {
        String good = pkg("base_01", "mulesoft_stream", "http://localhost:8088/changed");
        return Stream.of(
                new Case("no token", HttpMethod.POST, PROVISION, JSON, null, good, 401, "unauthorized", "bearer token is required", null),
                new Case("basic auth", HttpMethod.POST, PROVISION, JSON, "Basic YTpi", good, 401, "unauthorized", "bearer token is required", null),
                new Case("wrong token", HttpMethod.POST, PROVISION, JSON, "Bearer nope", good, 401, "unauthorized", "not valid", null),
                new Case("empty bearer", HttpMethod.POST, PROVISION, JSON, "Bearer ", good, 401, "unauthorized", "not valid", null),
                new Case("text/plain", HttpMethod.POST, PROVISION, "text/plain", AUTH, good, 415, "unsupported-media-type", "application/json", null),
                new Case("xml", HttpMethod.POST, PROVISION, "application/xml", AUTH, good, 415, "unsupported-media-type", "application/json", null),
                new Case("no content type", HttpMethod.POST, PROVISION, null, AUTH, good, 415, "unsupported-media-type", "application/json", null),
                provision("body over 64 KiB", "{\"x\":\"" + "a".repeat(70_000) + "\"}", 413, "payload-too-large", "the limit is 65536 bytes", null),
                provision("empty body", "", 400, "malformed-request", "request body is empty", null),
                provision("truncated JSON", "{\"connector_id\":\"base_01\",", 400, "malformed-request", "malformed JSON at line 1", null),
                provision("not JSON", "connect me please", 400, "malformed-request", "malformed JSON at line 1, column", null),
                provision("JSON array", "[1,2]", 400, "malformed-request", "must be a JSON object", null),
                provision("JSON null", "null", 400, "malformed-request", "must be a JSON object", null),
                provision("trailing garbage", good + " {}", 400, "malformed-request", "line 1", null),
                provision("policy a string", "{\"connector_id\":\"base_01\",\"source_type\":\"mulesoft_stream\",\"target_url\":\""
                        + OK_URL + "\",\"policy\":\"yes\"}", 400, "malformed-request", "invalid value for field 'policy'", null),
                provision("repair flag not boolean", "{\"connector_id\":\"base_01\",\"source_type\":\"mulesoft_stream\",\"target_url\":\""
                        + OK_URL + "\",\"policy\":{\"repair_enabled\":[]}}", 400, "malformed-request", "policy.repair_enabled", null),
                invalid("connector id with capitals", pkg("Bad_ID", "mulesoft_stream", OK_URL), "connector_id", "must match"),
                invalid("connector id too long", pkg("a".repeat(65), "mulesoft_stream", OK_URL), "connector_id", "must match"),
                invalid("connector id path traversal", pkg("../etc", "mulesoft_stream", OK_URL), "connector_id", "must match"),
                invalid("connector id missing", "{\"source_type\":\"mulesoft_stream\",\"target_url\":\"" + OK_URL
                        + "\",\"policy\":{}}", "connector_id", "connector_id"),
                invalid("unknown source type", pkg("base_01", "kafka_topic", OK_URL), "source_type", "unsupported source type"),
                invalid("source type missing", "{\"connector_id\":\"base_01\",\"target_url\":\"" + OK_URL + "\",\"policy\":{}}",
                        "source_type", "source_type"),
                invalid("ftp target", pkg("base_01", "mulesoft_stream", "ftp://localhost:8088/x"), "target_url", "target_url"),
                invalid("target off the allow-list", pkg("base_01", "mulesoft_stream", "http://evil.example/x"), "target_url", "target_url"),
                invalid("metadata target", pkg("base_01", "mulesoft_stream", "http://169.254.169.254/latest"), "target_url", "target_url"),
                invalid("userinfo target", pkg("base_01", "mulesoft_stream", "http://localhost:8088@evil.example/"), "target_url", "target_url"),
                invalid("encoded IP target", pkg("base_01", "mulesoft_stream", "http://127.1:8088/"), "target_url", "target_url"),
                invalid("policy missing", "{\"connector_id\":\"base_01\",\"source_type\":\"mulesoft_stream\",\"target_url\":\""
                        + OK_URL + "\"}", "policy", "policy"),
                invalid("source of truth off the list", "{\"connector_id\":\"base_01\",\"source_type\":\"mulesoft_stream\",\"target_url\":\""
                        + OK_URL + "\",\"policy\":{\"source_of_truth_url\":\"http://10.0.0.1/\"}}", "policy.source_of_truth_url",
                        "policy.source_of_truth_url"),
                new Case("status of unknown", HttpMethod.GET, "/api/connectors/nobody", null, null, null, 404, "unknown-connector", "No connector with id 'nobody'", null),
                new Case("pause unknown", HttpMethod.POST, "/api/connectors/nobody/pause", null, AUTH, null, 404, "unknown-connector", "nobody", null),
                new Case("resume unknown", HttpMethod.POST, "/api/connectors/nobody/resume", null, AUTH, null, 404, "unknown-connector", "nobody", null),
                new Case("restart unknown", HttpMethod.POST, "/api/connectors/nobody/restart", null, AUTH, null, 404, "unknown-connector", "nobody", null),
                new Case("delete unknown", HttpMethod.DELETE, "/api/connectors/nobody", null, AUTH, null, 404, "unknown-connector", "nobody", null),
                new Case("status of invalid id", HttpMethod.GET, "/api/connectors/Bad.Id", null, null, null, 400, "invalid-connector-id", "must match [a-z0-9_-]{1,64}", null),
                new Case("delete path traversal", HttpMethod.DELETE, "/api/connectors/..%2Fetc", null, AUTH, null, 400, "invalid-connector-id", "must match", null),
                new Case("pause invalid id", HttpMethod.POST, "/api/connectors/" + "x".repeat(65) + "/pause", null, AUTH, null, 400, "invalid-connector-id", "must match", null),
                new Case("pause without a token", HttpMethod.POST, "/api/connectors/base_01/pause", null, null, null, 401, "unauthorized", "bearer token is required", null),
                new Case("delete with a wrong token", HttpMethod.DELETE, "/api/connectors/base_01", null, "Bearer nope", null, 401, "unauthorized", "not valid", null),
                new Case("put on a connector", HttpMethod.PUT, "/api/connectors/base_01", null, AUTH, null, 405, "method-not-allowed", "PUT", null),
                new Case("records of an invalid id", HttpMethod.GET, "/api/connectors/Bad.Id/records", null, null, null, 400, "invalid-connector-id", "must match", null),
                new Case("dead letters of an overlong id", HttpMethod.GET, "/api/connectors/" + "x".repeat(7000) + "/dead-letters", null, null, null, 400, "invalid-connector-id", "must match", null),
                new Case("put without a token", HttpMethod.PUT, "/api/connectors/base_01", null, null, null, 401, "unauthorized", "bearer token is required", null),
                new Case("get on provision", HttpMethod.GET, PROVISION, null, null, null, 405, "method-not-allowed", "GET", null))
                .map(Arguments::of);
    }

    @BeforeEach
    void provisionBaseline() {
        registry.provision(new com.autonomos.handshake.contracts.provision.ProvisioningPackage("base_01", "mulesoft_stream",
                OK_URL, com.autonomos.handshake.contracts.provision.ConnectorPolicy.repairing()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedAsProblemJsonAndChangesNothing(Case c) throws Exception {
        List<ConnectorConfig> configsBefore = registry.all();
        Map<String, String> filesBefore = dataDirContents();

        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(c.method(), java.net.URI.create(c.path()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.authorization() != null) {
            request.header("Authorization", c.authorization());
        }
        if (c.body() != null) {
            request.content(c.body());
        }
        MockHttpServletResponse response = mvc.perform(request).getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(c.status());
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = mapper.readTree(response.getContentAsString());
        assertThat(problem.has("detail")).as(response.getContentAsString()).isTrue();
        assertThat(problem.get("type").asString()).isEqualTo("https://aos-handshake/problems/" + c.type());
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("detail").asString()).contains(c.detail()).doesNotContain("Exception").doesNotContain("com.autonomos");
        if (c.errorField() != null) {
            // one error vocabulary (shared-contracts ProblemError): [{"pointer":"#/policy/source_of_truth_url","detail":..}]
            String pointer = "#/" + c.errorField().replace('.', '/');
            assertThat(problem.get("errors").valueStream().filter(e -> pointer.equals(e.get("pointer").asString())))
                    .as(response.getContentAsString())
                    .isNotEmpty().allSatisfy(e -> assertThat(e.get("detail").asString()).isNotBlank());
        }
        if (c.status() == 401) {
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(registry.all()).isEqualTo(configsBefore);
        assertThat(dataDirContents()).isEqualTo(filesBefore);
    }

    private Map<String, String> dataDirContents() throws Exception {
        Path dataDir = sliceDataDir.path();
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(dataDir.relativize(file).toString(), Files.readString(file));
            }
        }
        return contents;
    }
}
