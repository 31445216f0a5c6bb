/**
 * Cluster mode: many DCL workers on one Redis ({@code DCL_REDIS_URL}); unset, DCL runs embedded and only
 * {@link com.autonomos.handshake.dcl.cluster.ClusterConfiguration}'s embedded beans and {@code GET /api/cluster} of
 * this package are active.
 *
 * <p>Where to start: {@code ClusterConfiguration} (the mode switch and the Redis client), {@code RedisConnectorStore}
 * (configs, versions by compare-and-set), {@code ConfigSync} (pub/sub nudge and periodic reconcile into the
 * registry's references), {@code LeaseKeeper} (heartbeats, leases with fencing epochs, fair spread, handover), and
 * {@code RedisRecordSink} (envelopes, dead letters and counters in one epoch-checked Lua step). The ingest path does
 * not know Redis: the sidecar supervisor asks {@link com.autonomos.handshake.dcl.connector.ConnectorOwnership} whether
 * to read a connector, and each settled batch carries its lease epoch to the sink.
 */
package com.autonomos.handshake.dcl.cluster;
