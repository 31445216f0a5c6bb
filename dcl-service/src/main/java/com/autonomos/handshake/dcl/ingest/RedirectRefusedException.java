package com.autonomos.handshake.dcl.ingest;

import java.net.URI;

/** The stream answered with a redirect, which DCL never follows (the egress policy checks only the URL it was given). */
final class RedirectRefusedException extends RuntimeException {

    RedirectRefusedException(int status, URI location) {
        super("redirect refused: HTTP " + status + " to " + (location == null ? "(no Location)" : location)
                + "; DCL does not follow redirects, provision the final URL instead", null, false, false);
    }
}
