package com.autonomos.handshake.dcl.repair;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs at most {@code limit} repairs of one stream at a time. The pipeline's ordered window (how many lines may wait
 * behind the oldest unsettled one) is a different bound: most lines in it are clean and need no repair, so if the
 * window alone bounded repairs, a stalled source of truth would hold only the few drifted lines of one window at a
 * time and release them in slow waves. Jobs are submitted in stream order by the pipeline's single subscriber, so
 * the unicast queue sees one producer; it holds at most a window's worth of jobs.
 */
public final class RepairLane<T> implements Disposable {

    private record Job<T>(Mono<T> work, Sinks.One<T> result) {
    }

    private final Sinks.Many<Job<T>> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable worker;

    public RepairLane(int limit) {
        this.worker = jobs.asFlux()
                .flatMap(job -> job.work()
                        .doOnNext(value -> job.result().tryEmitValue(value))
                        .doOnError(error -> job.result().tryEmitError(error))
                        .doOnSuccess(value -> {
                            if (value == null) {
                                job.result().tryEmitEmpty();
                            }
                        })
                        .onErrorResume(error -> Mono.empty()), limit)
                .subscribe();
    }

    /** The work's result, once the lane has had room to run it. Nothing runs until the returned Mono is subscribed. */
    public Mono<T> submit(Mono<T> work) {
        return Mono.defer(() -> {
            Sinks.One<T> result = Sinks.one();
            jobs.emitNext(new Job<>(work, result), Sinks.EmitFailureHandler.FAIL_FAST);
            return result.asMono();
        });
    }

    @Override
    public void dispose() {
        jobs.tryEmitComplete();
        worker.dispose();
    }

    @Override
    public boolean isDisposed() {
        return worker.isDisposed();
    }
}
