package com.autonomos.handshake.dcl.ingest;

import reactor.core.publisher.Mono;

/**
 * One connection of a stream as the pipeline runs it.
 *
 * @param dataFlowing completes when the first bytes arrive (the sidecar then resets its backoff and reports RUNNING)
 * @param ended       how the connection ended, once everything it read was settled
 */
record Attempt(Mono<Void> dataFlowing, Mono<AttemptResult> ended) {
}
