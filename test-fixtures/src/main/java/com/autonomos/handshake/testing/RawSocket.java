package com.autonomos.handshake.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** For tests that speak HTTP byte by byte over a plain socket (slow bodies, half-sent requests). */
public final class RawSocket {

    private RawSocket() {
    }

    /** Everything the server sends until it closes the connection; fails if it is still open after the socket timeout. */
    public static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open; received so far:\n" + received, e);
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
