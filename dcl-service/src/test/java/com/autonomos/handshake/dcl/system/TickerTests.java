package com.autonomos.handshake.dcl.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickerTests {

    private final Ticker ticker = new Ticker();

    @AfterEach
    void shutDown() {
        ticker.destroy();
    }

    @Test
    void aChoreThatFailsStillRunsAgainOnTheNextTick() {
        AtomicInteger runs = new AtomicInteger();
        ticker.every("failing", Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    }

    @Test
    void cancellingStopsFurtherRunsWithoutInterruptingTheRunInProgress() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        Ticker.Tick tick = ticker.every("slow", Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        tick.cancel();
        release.countDown();

        await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(runs.get()).isEqualTo(1));
        assertThat(interrupted).isFalse();
    }
}
