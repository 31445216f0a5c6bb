package com.autonomos.handshake.dcl.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the embedded sink's NDJSON files in tests while DCL may still be appending to them. */
public final class SinkFiles {

    private SinkFiles() {
    }

    /** The newline-terminated lines of the file (a trailing partial line is still being written); none if absent. */
    public static List<String> completeLines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            String text = Files.readString(file);
            return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
