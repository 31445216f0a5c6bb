package com.autonomos.handshake.farm.stream;

/** How the stream terminates each line. */
public enum LineEnding {
    LF("\n"),
    CRLF("\r\n");

    private final String chars;

    LineEnding(String chars) {
        this.chars = chars;
    }

    public String chars() {
        return chars;
    }
}
