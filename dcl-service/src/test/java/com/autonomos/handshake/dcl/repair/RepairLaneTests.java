package com.autonomos.handshake.dcl.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class RepairLaneTests {

    @Test
    void atMostTheLimitOfRepairsRunAtOnceAndTheNextStartsWhenOneFinishes() {
        RepairLane<String> lane = new RepairLane<>(32);
        AtomicInteger running = new AtomicInteger();
        List<Sinks.One<String>> answers = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Sinks.One<String> answer = Sinks.one();
            answers.add(answer);
            lane.submit(answer.asMono().doOnSubscribe(s -> running.incrementAndGet())
                    .doFinally(s -> running.decrementAndGet())).subscribe(results::add);
        }

        assertThat(running).hasValue(32);

        answers.get(0).tryEmitValue("first");
        assertThat(results).containsExactly("first");
        assertThat(running).hasValue(32); // the 33rd started in its place
        lane.dispose();
    }

    @Test
    void everyResultReachesItsOwnSubmitterWhateverOrderTheyFinishIn() {
        RepairLane<Integer> lane = new RepairLane<>(4);

        List<Integer> inStreamOrder = Flux.range(0, 20)
                .flatMapSequential(i -> lane.submit(Mono.just(i).delayElement(Duration.ofMillis(20 - i))), 20, 1)
                .collectList().block(Duration.ofSeconds(10));

        assertThat(inStreamOrder).containsExactlyElementsOf(Flux.range(0, 20).collectList().block());
        lane.dispose();
    }

    @Test
    void anEmptyOrFailedRepairCompletesItsSubmitterInsteadOfHangingIt() {
        RepairLane<String> lane = new RepairLane<>(1);

        assertThat(lane.submit(Mono.<String>empty()).blockOptional(Duration.ofSeconds(5))).isEmpty();
        assertThat(lane.submit(Mono.<String>error(new IllegalStateException("boom")))
                .onErrorResume(e -> Mono.just(e.getMessage())).block(Duration.ofSeconds(5))).isEqualTo("boom");
        assertThat(lane.submit(Mono.just("after")).block(Duration.ofSeconds(5))).isEqualTo("after");
        lane.dispose();
    }

    @Test
    void hundredsOfRepairsInFlightKeepStreamOrderAndNeverExceedTheLimit() {
        int limit = 256;
        int records = 2_000;
        RepairLane<Integer> lane = new RepairLane<>(limit);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();

        // Every record in a group of 300 answers later than the one after it: without the ordered window, later records
        // would overtake every slow one before it.
        List<Integer> settled = Flux.range(0, records)
                .flatMapSequential(i -> lane.submit(Mono.just(i)
                        .delayElement(Duration.ofMillis(300 - i % 300))
                        .doOnSubscribe(s -> peak.accumulateAndGet(running.incrementAndGet(), Math::max))
                        .doOnTerminate(running::decrementAndGet)), 4_096, 1) // before the lane sees the end
                .collectList().block(Duration.ofSeconds(60));

        assertThat(settled).containsExactlyElementsOf(Flux.range(0, records).collectList().block());
        assertThat(peak).hasValue(limit);
        lane.dispose();
    }
}
