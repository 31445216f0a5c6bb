package com.autonomos.handshake.dcl.ingest;

import java.net.URI;

/** The stream's target answered with an error status (400 or more) instead of a body. */
final class StreamStatusException extends RuntimeException {

    StreamStatusException(int status, URI target) {
        super("HTTP " + status + " from " + target, null, false, false);
    }
}
