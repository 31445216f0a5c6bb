package com.autonomos.handshake.dcl.provision;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.contracts.provision.ProvisionResult;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ProvisionOutcome;
import com.autonomos.handshake.dcl.system.OperatorToken;
import com.autonomos.handshake.dcl.system.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * The handshake's receiving end. Checks run in a fixed order, and a refused request changes nothing: token (503 when
 * provisioning is disabled, 401), content type (415), size (413, counted while reading), JSON (400), content (422).
 */
@RestController
@RequestMapping("/api/ingest")
@Tag(name = "provision")
@SecurityScheme(name = ProvisionController.TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The shared secret DCL_PROVISION_TOKEN")
class ProvisionController {

    static final String TOKEN_SCHEME = "provisionToken";

    private final ConnectorRegistry registry;
    private final ProvisioningPackageValidator validator;
    private final ObjectReader packageReader;
    private final OperatorToken operatorToken;
    private final int maxBodyBytes;
    private final Duration bodyReadTimeout;

    ProvisionController(ConnectorRegistry registry, ProvisioningPackageValidator validator, ObjectMapper mapper,
            OperatorToken operatorToken, ProvisionProperties properties) {
        this.registry = registry;
        this.validator = validator;
        this.packageReader = mapper.readerFor(ProvisioningPackage.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES); // an omitted policy flag means false
        this.operatorToken = operatorToken;
        this.maxBodyBytes = Math.toIntExact(properties.maxBodySize().toBytes());
        this.bodyReadTimeout = properties.bodyReadTimeout();
    }

    @PostMapping("/provision")
    @Operation(summary = "Provision (create or re-point) a connector",
            description = """
                    The handshake. Stores the package as the connector's next version (durably, before answering) and \
                    nudges its sidecar to switch streams. An identical package is idempotent: status "unchanged", \
                    same version. Checks run in this order and a refused request changes nothing: token (503, 401), \
                    content type (415), size (413), JSON (400), content (422).""",
            security = @SecurityRequirement(name = TOKEN_SCHEME),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProvisioningPackage.class))))
    @ApiResponse(responseCode = "200", description = "Provisioned (new version) or unchanged (same version)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = ProvisionResult.class)))
    @ApiResponse(responseCode = "400", description = "Body is empty or not JSON", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "Bearer token missing or wrong", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than dcl.provision.max-body-size", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Content-Type is not application/json", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Package invalid, or target not allowed (DCL_ALLOWED_SOURCES)", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Provisioning disabled: DCL_PROVISION_TOKEN is not set", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ProvisionResult provision(@Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) throws IOException {
        operatorToken.authorize(authorization);
        requireJson(request.getContentType());
        ProvisioningPackage pkg = parse(readBounded(request), request);
        validator.validate(pkg);

        ProvisionOutcome outcome = registry.provision(pkg); // logs the handshake line, then nudges the sidecar
        ConnectorConfig current = outcome.current();
        String previousTarget = outcome.previous() == null ? null : outcome.previous().targetUrl();
        return new ProvisionResult(outcome.changed() ? ProvisionResult.PROVISIONED : ProvisionResult.UNCHANGED,
                current.connectorId(), current.version(), current.targetUrl(), previousTarget);
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
            ErrorResponseException e = Problems.exception(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, was "
                            + (contentType == null ? "missing" : "'" + contentType + "'"));
            e.getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON));
            throw e;
        }
    }

    /** Reads at most the limit plus one byte, so neither a lying Content-Length nor a chunked body can exceed it. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge(request.getContentLengthLong() + " bytes");
        }
        // Each read blocks at most server.tomcat.connection-timeout; the deadline bounds the whole body.
        long deadline = System.nanoTime() + bodyReadTimeout.toNanos();
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk, 0, Math.min(chunk.length, maxBodyBytes + 1 - body.size()))) > 0) {
                body.write(chunk, 0, n);
                if (body.size() > maxBodyBytes) {
                    throw tooLarge("more than " + maxBodyBytes + " bytes");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw closing(Problems.exception(ProblemType.REQUEST_TIMEOUT,
                            "the request body did not arrive within " + bodyReadTimeout.toMillis() + " ms (dcl.provision.body-read-timeout)"));
                }
            }
            return body.toByteArray();
        }
    }

    private ErrorResponseException tooLarge(String size) {
        return closing(Problems.exception(ProblemType.PAYLOAD_TOO_LARGE, "request body is " + size + "; the limit is "
                + maxBodyBytes + " bytes (dcl.provision.max-body-size)"));
    }

    /** Answered with {@code Connection: close}: the rest of the body is never read. */
    private static ErrorResponseException closing(ErrorResponseException e) {
        e.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return e;
    }

    private ProvisioningPackage parse(byte[] body, HttpServletRequest request) {
        if (body.length == 0) {
            throw Problems.exception(ProblemType.MALFORMED_REQUEST,
                    "request body is empty; expected a provisioning package");
        }
        ProvisioningPackage pkg;
        try {
            pkg = packageReader.readValue(body);
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("unreadable provisioning package", e, new ServletServerHttpRequest(request));
        }
        if (pkg == null) {
            throw Problems.exception(ProblemType.MALFORMED_REQUEST, "request body must be a JSON object, was null");
        }
        return pkg;
    }
}
