package com.autonomos.handshake.farm.stream;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 instants with milliseconds ({@code 2025-03-04T05:06:07.089Z}) without a formatter call per line: the part
 * up to the second is formatted once per second.
 */
final class SyncTimestamps {

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        if (second != cachedSecond) {
            cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
            if (cachedPrefix.length() == 16) {
                cachedPrefix += ":00"; // LocalDateTime omits zero seconds
            }
            cachedSecond = second;
        }
        char[] tail = {'.', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10),
                'Z'};
        return cachedPrefix.concat(new String(tail));
    }
}
