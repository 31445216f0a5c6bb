package com.autonomos.handshake.contracts.problem;

import java.net.URI;

/**
 * Every problem {@code type} the services answer with ({@code application/problem+json}, RFC 9457): one base URI,
 * one slug per problem, with its title and default status. DCL, AOD and the Farm simulator all use these, so a client
 * tells problems apart by {@link #uri()} whichever service answered. Invalid fields are listed as {@link ProblemError}s
 * under the {@value #ERRORS} property.
 */
public enum ProblemType {

    // generic, one per status: the first of each status is the one a service falls back on (see forStatus)
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request"),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    REQUEST_TIMEOUT("request-timeout", 408, "Request timeout"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    VALIDATION("validation", 422, "Validation failed"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),

    // DCL
    INVALID_CONNECTOR_ID("invalid-connector-id", 400, "Invalid connector id"),
    UNKNOWN_CONNECTOR("unknown-connector", 404, "Unknown connector"),
    CONNECTOR_LIMIT("connector-limit", 409, "Connector limit reached"),
    EGRESS_DENIED("egress-denied", 422, "Destination not allowed"),
    STORAGE_FAILURE("storage-failure", 500, "Storage failure"),
    PROVISIONING_DISABLED("provisioning-disabled", 503, "Provisioning disabled"),

    // AOD's handoff
    UNKNOWN_PLATFORM("unknown-platform", 404, "Unknown platform"),
    /*
     * 424 Failed Dependency rather than 422: the request itself is fine, what failed is the scan it depends on (the
     * route did not answer with invoices). 503 would wrongly blame DCL, which was never called.
     */
    ROUTE_NOT_DETECTED("route-not-detected", 424, "Route not detected"),
    DCL_REFUSED("dcl-refused", 502, "DCL refused the provisioning package"),
    DCL_UNAVAILABLE("dcl-unavailable", 503, "DCL unreachable"),
    DCL_TIMEOUT("dcl-timeout", 504, "DCL did not answer in time"),

    // Farm simulator
    UNKNOWN_INVOICE("unknown-invoice", 404, "Invoice not found"),
    UNVERIFIABLE_INVOICE("unverifiable-invoice", 422, "Invoice cannot be verified"),
    TOO_MANY_STREAMS("too-many-streams", 503, "Too many streams");

    /** Every type URI is this base followed by the slug. */
    public static final String BASE = "https://aos-handshake/problems/";

    /** The problem property that lists invalid fields or parameters, each a {@link ProblemError}. */
    public static final String ERRORS = "errors";

    private final String slug;
    private final int status;
    private final String title;
    private final URI uri;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.uri = URI.create(BASE + slug);
    }

    public String slug() {
        return slug;
    }

    /** The HTTP status this problem is answered with. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return uri;
    }

    /** The generic type of a status no specific problem names (e.g. a 405 raised by the web framework). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR;
    }

    /** The type with this URI, or null when it is none of ours (e.g. {@code about:blank}). */
    public static ProblemType forUri(URI uri) {
        for (ProblemType type : values()) {
            if (type.uri.equals(uri)) {
                return type;
            }
        }
        return null;
    }
}
