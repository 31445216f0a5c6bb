package com.autonomos.handshake.aod.handoff;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/** How a handoff ended; the lower-case name is the {@code outcome} tag of {@code aod.handoffs} and of the log line. */
enum HandoffOutcome {

    SENT(HttpStatus.OK, "Provisioning Command Sent"),
    /** DCL answered, but not 2xx (or 2xx with an unreadable body). */
    DCL_REFUSED(HttpStatus.BAD_GATEWAY, "DCL refused the provisioning package"),
    /** No answer at all: connection refused/reset, or the {@code dcl} circuit breaker is open. */
    DCL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "DCL unreachable"),
    DCL_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "DCL did not answer in time"),
    /*
     * 424 Failed Dependency rather than 422: the request itself is fine, what failed is the scan it depends on (the
     * route did not answer with invoices). 503 would wrongly blame DCL, which was never called.
     */
    ROUTE_NOT_DETECTED(HttpStatus.FAILED_DEPENDENCY, "Route not detected");

    private final HttpStatus status;
    private final String title;

    HandoffOutcome(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    URI type() {
        return URI.create("urn:aos:problem:aod:" + tag().replace('_', '-'));
    }
}
