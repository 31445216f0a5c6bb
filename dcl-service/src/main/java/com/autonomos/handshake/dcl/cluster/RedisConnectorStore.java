package com.autonomos.handshake.dcl.cluster;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connector configs in Redis ({@code {prefix}:connector:{id}}), shared by every worker. A change is a compare-and-set
 * on the stored version and paused flag (one Lua step that also publishes the nudge), so two workers provisioning one
 * connector at once get consecutive versions: the loser re-reads and builds on the winner's version.
 */
class RedisConnectorStore implements ConnectorStore {

    /** KEYS: config hash, id set. ARGV: expected version ('' = none stored), expected paused, json, version, paused, id, channel. */
    static final RedisScript<Long> REPLACE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'version')
            local p = redis.call('HGET', KEYS[1], 'paused')
            if ARGV[1] == '' then
              if v then return 0 end
            elseif v ~= ARGV[1] or p ~= ARGV[2] then
              return 0
            end
            redis.call('HSET', KEYS[1], 'config', ARGV[3], 'version', ARGV[4], 'paused', ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[6])
            redis.call('PUBLISH', ARGV[7], ARGV[6])
            return 1
            """, Long.class);

    /** KEYS: config hash, id set, retired version. ARGV: id, channel. The tombstone keeps the version growing. */
    static final RedisScript<Long> DELETE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'version')
            if v then redis.call('SET', KEYS[3], v) end
            local n = redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('PUBLISH', ARGV[2], ARGV[1])
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper mapper;

    RedisConnectorStore(StringRedisTemplate redis, RedisKeys keys, JsonMapper mapper) {
        this.redis = redis;
        this.keys = keys;
        this.mapper = mapper;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public List<ConnectorConfig> loadAll() {
        Set<String> ids = redis.opsForSet().members(keys.connectors());
        List<ConnectorConfig> all = new ArrayList<>();
        if (ids != null) {
            ids.stream().sorted().forEach(id -> load(id).ifPresent(all::add));
        }
        return all;
    }

    @Override
    public Optional<ConnectorConfig> load(String connectorId) {
        Object json = redis.opsForHash().get(keys.connector(connectorId), "config");
        return json == null ? Optional.empty() : Optional.of(mapper.readValue((String) json, ConnectorConfig.class));
    }

    @Override
    public void save(ConnectorConfig config) {
        Map<String, String> fields = Map.of("config", mapper.writeValueAsString(config),
                "version", Long.toString(config.version()), "paused", Boolean.toString(config.paused()));
        redis.opsForHash().putAll(keys.connector(config.connectorId()), fields);
        redis.opsForSet().add(keys.connectors(), config.connectorId());
        redis.convertAndSend(keys.configChannel(), config.connectorId());
    }

    @Override
    public boolean replace(ConnectorConfig expected, ConnectorConfig next) {
        Long done = redis.execute(REPLACE, List.of(keys.connector(next.connectorId()), keys.connectors()),
                expected == null ? "" : Long.toString(expected.version()),
                expected == null ? "" : Boolean.toString(expected.paused()),
                mapper.writeValueAsString(next), Long.toString(next.version()), Boolean.toString(next.paused()),
                next.connectorId(), keys.configChannel());
        return done != null && done == 1L;
    }

    @Override
    public void delete(String connectorId) {
        redis.execute(DELETE, List.of(keys.connector(connectorId), keys.connectors(), keys.retiredVersion(connectorId)),
                connectorId, keys.configChannel());
    }

    @Override
    public long retiredVersion(String connectorId) {
        String v = redis.opsForValue().get(keys.retiredVersion(connectorId));
        return v == null ? 0 : Long.parseLong(v);
    }
}
