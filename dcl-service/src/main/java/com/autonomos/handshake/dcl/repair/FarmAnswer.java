package com.autonomos.handshake.dcl.repair;

import java.util.Arrays;
import tools.jackson.databind.ObjectReader;

/**
 * The Farm's answer to one exchange: its status and its whole body.
 *
 * @param status the HTTP status code
 * @param body   the body as received (empty when there was none)
 */
record FarmAnswer(int status, byte[] body) {

    private static final byte[] NONE = new byte[0];

    /**
     * The body decoded by {@code reader} when the status is 2xx. Otherwise the status as a {@link FarmCallException}
     * (5xx, and an empty 2xx body, as a {@link FarmCallException.ServerError}: the Farm failing, worth trying again).
     *
     * @param endpoint what was called, for the error ("verify"), followed there by the {@code url}
     */
    <T> T decode(String endpoint, String url, ObjectReader reader) {
        if (status >= 500) {
            throw new FarmCallException.ServerError(endpoint + " " + url, status);
        }
        if (status < 200 || status >= 300) {
            throw new FarmCallException(endpoint + " " + url, status);
        }
        if (body.length == 0) {
            throw new FarmCallException.ServerError(endpoint + " " + url + " (empty body)", status);
        }
        return reader.readValue(body);
    }

    /** A body read chunk by chunk, refused once it grows past its bound (a Farm is trusted with our memory only so far). */
    static final class Body {

        private final int maxBytes;
        private byte[] bytes = NONE;

        Body(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        Body append(byte[] chunk) {
            if (chunk.length > maxBytes - bytes.length) {
                throw new TooLarge(maxBytes);
            }
            if (bytes.length == 0) {
                bytes = chunk; // the usual small answer arrives in one chunk: no copy
            } else {
                byte[] joined = Arrays.copyOf(bytes, bytes.length + chunk.length);
                System.arraycopy(chunk, 0, joined, bytes.length, chunk.length);
                bytes = joined;
            }
            return this;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    /** The answer was larger than {@code dcl.repair.max-response-size}; its connection is dropped. */
    static final class TooLarge extends RuntimeException {

        TooLarge(int maxBytes) {
            super("the Farm's answer is larger than dcl.repair.max-response-size (" + maxBytes + " bytes)", null,
                    false, false);
        }
    }
}
