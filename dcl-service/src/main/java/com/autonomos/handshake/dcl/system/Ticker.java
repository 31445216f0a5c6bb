package com.autonomos.handshake.dcl.system;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The one scheduler of DCL's periodic chores (sidecar reconciliation, telemetry rates and events, sink flushes). A
 * chore runs with a fixed delay between runs, so a slow run is never followed by a burst of catch-up runs; a failed
 * run is logged as one line and the next run still comes. Cancelling never interrupts a run in progress: an interrupt
 * in the middle of a file write would close the file's channel for good.
 */
@Component
public class Ticker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public Ticker() {
        scheduler.setPoolSize(2); // a slow sink flush does not hold up the sidecars' reconciliation
        scheduler.setThreadNamePrefix("dcl-tick-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(true); // shutdown() without interrupting a run
        scheduler.setAwaitTerminationSeconds(5);
        scheduler.initialize();
    }

    /** Runs {@code chore} every {@code period}, first one period from now, until the returned tick is cancelled. */
    public Tick every(String name, Duration period, Runnable chore) {
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                log.warn("Periodic task failed task={} error={}", name, e.toString());
            }
        }, Instant.now().plus(period), period);
        return new Tick(future);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }

    /** One scheduled chore. Its future stays private, so no caller can cancel it with an interrupt. */
    public static final class Tick {

        private final ScheduledFuture<?> future;

        private Tick(ScheduledFuture<?> future) {
            this.future = future;
        }

        /** No further runs; a run in progress finishes (it is not interrupted). */
        public void cancel() {
            future.cancel(false);
        }
    }
}
