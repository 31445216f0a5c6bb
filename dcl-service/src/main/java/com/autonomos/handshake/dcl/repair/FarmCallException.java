package com.autonomos.handshake.dcl.repair;

/**
 * A Farm endpoint answered with an error status. 5xx are transient (resilience4j retries them and counts them against
 * the breaker, see application.yml); other statuses are not retried.
 */
class FarmCallException extends RuntimeException {

    private final int status;

    FarmCallException(String endpoint, int status) {
        super(endpoint + " answered HTTP " + status);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** 5xx: the Farm is failing, trying again may help. */
    static final class ServerError extends FarmCallException {
        ServerError(String endpoint, int status) {
            super(endpoint, status);
        }
    }

    /** The source of truth has no such invoice (404): a business answer, not a failure of the Farm. */
    static final class InvoiceNotFound extends FarmCallException {
        InvoiceNotFound(String endpoint) {
            super(endpoint, 404);
        }
    }
}
