package com.autonomos.handshake.dcl.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The problem {@code type} URIs DCL answers with; one scheme for the whole service. */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    INVALID_CONNECTOR_ID("invalid-connector-id", HttpStatus.BAD_REQUEST, "Invalid connector id"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    UNKNOWN_CONNECTOR("unknown-connector", HttpStatus.NOT_FOUND, "Unknown connector"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request timeout"),
    CONNECTOR_LIMIT("connector-limit", HttpStatus.CONFLICT, "Connector limit reached"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    VALIDATION("validation", HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed"),
    EGRESS_DENIED("egress-denied", HttpStatus.UNPROCESSABLE_CONTENT, "Destination not allowed"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    STORAGE_FAILURE("storage-failure", HttpStatus.INTERNAL_SERVER_ERROR, "Storage failure"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    PROVISIONING_DISABLED("provisioning-disabled", HttpStatus.SERVICE_UNAVAILABLE, "Provisioning disabled");

    private static final String BASE = "https://aos-handshake/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    /** A problem of this type with its status and title. */
    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri);
        problem.setTitle(title);
        return problem;
    }

    /** The generic type for a status that has no specific one. */
    static ProblemType forStatus(HttpStatusCode status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status.value()) {
                return type; // the first of each status is the generic one
            }
        }
        return status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL_ERROR;
    }
}
