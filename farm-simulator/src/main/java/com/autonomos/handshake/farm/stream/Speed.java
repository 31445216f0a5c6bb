package com.autonomos.handshake.farm.stream;

/** How fast the HTTP stream emits lines. */
enum Speed {
    /** No delay: lines are written in buffered batches as fast as the client drains them. */
    FAST,
    /** About 10 lines a second, each flushed. */
    NORMAL,
    /** About 1 line a second, each flushed. */
    SLOW
}
