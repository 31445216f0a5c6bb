package com.autonomos.handshake.dcl.ingest;

import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * At most {@code perSecond} INFO lines a second for one kind of handshake line of one connector; beyond that the lines
 * are counted and one summary line ({@code "<prefix> suppressed=<n>"}) is written when the second is over.
 */
final class RateLimitedLog {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Logger log;
    private final String summaryPrefix;
    private final int perSecond;
    private final boolean warn;
    private long windowStart = System.nanoTime();
    private int written;
    private long suppressed;

    RateLimitedLog(Logger log, String summaryPrefix, int perSecond) {
        this(log, summaryPrefix, perSecond, false);
    }

    /** @param warn write at WARN instead of INFO (failures) */
    RateLimitedLog(Logger log, String summaryPrefix, int perSecond, boolean warn) {
        this.log = log;
        this.summaryPrefix = summaryPrefix;
        this.perSecond = perSecond;
        this.warn = warn;
    }

    synchronized void info(Supplier<String> message) {
        roll(System.nanoTime());
        if (written < perSecond) {
            written++;
            if (warn) {
                log.warn(message.get());
            } else {
                log.info(message.get());
            }
        } else {
            suppressed++;
        }
    }

    /** Writes the summary of a finished window; called by the supervisor's tick too, so a quiet stream still reports. */
    synchronized void roll(long now) {
        if (now - windowStart < WINDOW_NANOS) {
            return;
        }
        if (suppressed > 0) {
            if (warn) {
                log.warn("{} suppressed={}", summaryPrefix, suppressed);
            } else {
                log.info("{} suppressed={}", summaryPrefix, suppressed);
            }
        }
        windowStart = now;
        written = 0;
        suppressed = 0;
    }
}
