package com.autonomos.handshake.dcl.egress;

/** A URL or address DCL may not connect to; the message says why and is safe to show a client. */
public class EgressDeniedException extends RuntimeException {

    public EgressDeniedException(String message) {
        super(message);
    }
}
