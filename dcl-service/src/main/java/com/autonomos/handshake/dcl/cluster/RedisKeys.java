package com.autonomos.handshake.dcl.cluster;

/**
 * Every key and channel of one cluster, under its prefix ({@code DCL_REDIS_PREFIX}). The README's "Cluster mode"
 * section lists them for operators and downstream consumers.
 */
record RedisKeys(String prefix) {

    /** Hash {@code config} (JSON), {@code version}, {@code paused}. */
    String connector(String id) {
        return prefix + ":connector:" + id;
    }

    /** The version a deleted connector had: a connector created again under the id continues from it. */
    String retiredVersion(String id) {
        return prefix + ":retired-version:" + id;
    }

    /** Set of every connector id. */
    String connectors() {
        return prefix + ":connectors";
    }

    /** Pub/sub: a connector id whose config changed. */
    String configChannel() {
        return prefix + ":config-changed";
    }

    /** Hash {@code owner}, {@code epoch}, {@code state}, with the lease TTL. */
    String lease(String id) {
        return prefix + ":lease:" + id;
    }

    /** The last fencing epoch handed out for a connector; outlives its leases, so epochs only grow. */
    String epoch(String id) {
        return prefix + ":epoch:" + id;
    }

    /** Pub/sub: a connector id whose lease was released, so another worker takes it at once. */
    String leaseChannel() {
        return prefix + ":lease-released";
    }

    /** Sorted set: worker id scored by its last heartbeat (epoch millis). */
    String workers() {
        return prefix + ":workers";
    }

    /** Stream of envelopes, field {@code envelope}. */
    String records(String id) {
        return prefix + ":records:" + id;
    }

    /** Stream of dead letters, field {@code dead_letter}. */
    String deadLetters(String id) {
        return prefix + ":dead-letters:" + id;
    }

    /** The last batch appended for the connector, so a retried write that had in fact landed is not applied twice. */
    String lastBatch(String id) {
        return prefix + ":last-batch:" + id;
    }

    /** Hash of the connector's counters, updated in the same step as the entries they count. */
    String counters(String id) {
        return prefix + ":counters:" + id;
    }
}
