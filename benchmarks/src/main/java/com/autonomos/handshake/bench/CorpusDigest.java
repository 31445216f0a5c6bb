package com.autonomos.handshake.bench;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Prints {@code <sha-256> <bytes>} of the corpus for a stream query, so bench/run can show that the bytes the
 * micro-benchmarks parse are the bytes the simulator serves ({@code curl ... | sha256sum}).
 */
public final class CorpusDigest {

    private CorpusDigest() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Corpus.bytes(args[0]);
        System.out.println(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " "
                + bytes.length);
    }
}
