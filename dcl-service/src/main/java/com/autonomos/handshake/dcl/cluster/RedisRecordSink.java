package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.dcl.sink.DeliveredRecord;
import com.autonomos.handshake.dcl.sink.EnvelopeWriter;
import com.autonomos.handshake.dcl.sink.LeaseLostException;
import com.autonomos.handshake.dcl.sink.RecentRecords;
import com.autonomos.handshake.dcl.sink.RecordSink;
import com.autonomos.handshake.dcl.sink.SettledBatch;
import com.autonomos.handshake.dcl.sink.StoredCounts;
import com.autonomos.handshake.dcl.telemetry.SharedCounters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode's sink: envelopes to the stream {@code {prefix}:records:{id}} (field {@code envelope}, the same JSON as
 * a line of {@code records.ndjson}), dead letters to {@code {prefix}:dead-letters:{id}} (field {@code dead_letter}),
 * and the batch's counts to the hash {@code {prefix}:counters:{id}}: all in one Lua step that first checks the
 * writer's lease epoch, so a stale owner writes nothing and the counters always equal what the streams received
 * (a batch is one round trip). Streams are trimmed to about {@code stream-max-length} entries ({@code XTRIM MAXLEN ~}
 * once per batch: {@code MAXLEN ~} on every {@code XADD} cost Redis about 12% more CPU per entry, measured here).
 *
 * <p>Every batch carries an id ({@code {prefix}:last-batch:{id}}), so retrying a call that timed out but had landed
 * does not append it twice. While Redis does not answer, a write is retried every {@code write-retry} on the pipeline's thread: the pipeline
 * stops pulling, its bounded buffers fill and the stream is no longer read (TCP backpressure), so nothing is dropped.
 * It gives up only when the lease is gone (then the lines it holds are lost with it, never written twice).
 */
class RedisRecordSink implements RecordSink, SharedCounters {

    /**
     * KEYS: lease, records stream, dead-letters stream, counters, last batch. ARGV: worker, epoch, maxlen, #records,
     * #dead letters, batch id, the records, the dead letters, then counter name/increment pairs. -1 when the epoch is
     * stale, -2 when this batch was already applied (a retry after a timed-out call that had landed), else entries added.
     */
    static final RedisScript<Long> APPEND = RedisScript.of("""
            local lease = redis.call('HMGET', KEYS[1], 'owner', 'epoch')
            if lease[1] ~= ARGV[1] or lease[2] ~= ARGV[2] then return -1 end
            if redis.call('GET', KEYS[5]) == ARGV[6] then return -2 end
            redis.call('SET', KEYS[5], ARGV[6])
            local n = tonumber(ARGV[4])
            local d = tonumber(ARGV[5])
            local i = 7
            for k = 1, n do
              redis.call('XADD', KEYS[2], '*', 'envelope', ARGV[i])
              i = i + 1
            end
            if n > 0 then redis.call('XTRIM', KEYS[2], 'MAXLEN', '~', ARGV[3]) end
            for k = 1, d do
              redis.call('XADD', KEYS[3], '*', 'dead_letter', ARGV[i])
              i = i + 1
            end
            if d > 0 then redis.call('XTRIM', KEYS[3], 'MAXLEN', '~', ARGV[3]) end
            while i + 1 <= #ARGV do
              redis.call('HINCRBY', KEYS[4], ARGV[i], ARGV[i + 1])
              i = i + 2
            end
            return n + d
            """, Long.class);

    /** KEYS: stream. {@code XINFO STREAM}'s {@code entries-added} (Redis 7+), 0 for a stream never written. */
    static final RedisScript<Long> ENTRIES_ADDED = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local info = redis.call('XINFO', 'STREAM', KEYS[1])
            for i = 1, #info, 2 do
              if info[i] == 'entries-added' then return info[i + 1] end
            end
            return redis.error_reply('XINFO STREAM has no entries-added: Redis 7 or later is needed')
            """, Long.class);

    private static final Logger log = LoggerFactory.getLogger(RedisRecordSink.class);
    /** APPEND answers an integer; the serializer is there for the signature's sake. */
    private static final RedisSerializer<Long> COUNT = new GenericToStringSerializer<>(Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final ClusterProperties properties;
    private final LeaseKeeper leases;
    private final JsonMapper mapper;
    private final RecentRecords recent;
    private final EnvelopeWriter envelopes;
    /** Numbers this worker's batches; with the worker and epoch it makes a retried batch recognizable. */
    private final java.util.concurrent.atomic.AtomicLong batches = new java.util.concurrent.atomic.AtomicLong();

    RedisRecordSink(StringRedisTemplate redis, RedisKeys keys, ClusterProperties properties, LeaseKeeper leases,
                    JsonMapper mapper, RecentRecords recent) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
        this.leases = leases;
        this.mapper = mapper;
        this.recent = recent;
        this.envelopes = new EnvelopeWriter(mapper);
    }

    @Override
    public void settle(SettledBatch batch) {
        String id = batch.connectorId();
        // Arguments as bytes: the envelopes are UTF-8 JSON already, so they go to Redis without a detour through String
        List<byte[]> args = new ArrayList<>(8 + batch.records().size() + batch.deadLetters().size());
        args.add(utf8(leases.workerId()));
        args.add(utf8(Long.toString(batch.leaseEpoch())));
        args.add(utf8(Long.toString(properties.streamMaxLength())));
        args.add(utf8(Integer.toString(batch.records().size())));
        args.add(utf8(Integer.toString(batch.deadLetters().size())));
        args.add(utf8(leases.workerId() + ":" + batch.leaseEpoch() + ":" + batches.incrementAndGet()));
        for (DeliveredRecord r : batch.records()) {
            args.add(envelopes.toJson(r));
        }
        for (DeadLetter d : batch.deadLetters()) {
            args.add(mapper.writeValueAsBytes(d));
        }
        batch.tally().counters().forEach((name, n) -> {
            args.add(utf8(name));
            args.add(utf8(Integer.toString(n)));
        });
        List<String> keyList = List.of(keys.lease(id), keys.records(id), keys.deadLetters(id), keys.counters(id),
                keys.lastBatch(id));
        Long added = appendWhileOwned(id, batch.leaseEpoch(), keyList, args.toArray());
        if (added == null || added == -1) {
            leases.fenced(id, batch.leaseEpoch());
            throw new LeaseLostException(id, batch.leaseEpoch());
        }
        recent.add(id, batch.records(), batch.deadLetters());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Long appendWhileOwned(String id, long epoch, List<String> keyList, Object[] args) {
        int attempts = 0;
        while (true) {
            try {
                Long added = redis.execute(APPEND, RedisSerializer.byteArray(), COUNT, keyList, args);
                if (attempts > 0) {
                    log.info("Redis write resumed connector={} attempts={}", id, attempts + 1);
                }
                return added;
            } catch (DataAccessException e) {
                if (leases.epoch(id) != epoch) {
                    return -1L; // the lease expired meanwhile: these lines are lost with it, never written twice
                }
                if (attempts++ == 0) {
                    log.warn("Redis write failed connector={} error=\"{}\" holding the stream until Redis answers",
                            id, e.getMostSpecificCause().toString());
                }
                try {
                    Thread.sleep(properties.writeRetry().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void write(String connectorId, List<DeliveredRecord> records, List<DeadLetter> deadLetters) {
        throw new UnsupportedOperationException("cluster mode writes settled batches with their lease epoch");
    }

    @Override
    public void flush() {
        // every batch is in Redis when settle() returns
    }

    /** Nothing is held open per connector; its recent records go. The streams stay for downstream consumers. */
    @Override
    public void release(String connectorId) {
        recent.release(connectorId);
    }

    /** {@code entries-added} of each stream: what was ever appended, so trimming never lowers the recount. */
    @Override
    public StoredCounts stored(String connectorId) {
        return new StoredCounts(entriesAdded(keys.records(connectorId)), entriesAdded(keys.deadLetters(connectorId)));
    }

    private long entriesAdded(String stream) {
        Long added = redis.execute(ENTRIES_ADDED, List.of(stream));
        return added == null ? 0 : added;
    }

    @Override
    public Optional<Map<String, Long>> counters(String connectorId) {
        Map<Object, Object> raw = redis.opsForHash().entries(keys.counters(connectorId));
        Map<String, Long> out = new HashMap<>();
        raw.forEach((k, v) -> out.put((String) k, Long.parseLong((String) v)));
        return Optional.of(out);
    }
}
