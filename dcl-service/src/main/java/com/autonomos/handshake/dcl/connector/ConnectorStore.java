package com.autonomos.handshake.dcl.connector;

import java.util.List;
import java.util.Optional;

/** Durable copy of the registry, so a restarted DCL resumes the same connectors at the same versions. */
public interface ConnectorStore {

    /**
     * Every stored connector that can be read. A torn or garbled file does not stop the others from loading: it is
     * left out of the result and described by {@link #problems()}. Throws {@link ConnectorStoreException} only when
     * the store as a whole cannot be read.
     */
    List<ConnectorConfig> loadAll();

    /** The stored connectors the last {@link #loadAll()} could not read, and why. */
    default List<ConnectorStoreProblem> problems() {
        return List.of();
    }

    /** Stores atomically: after a crash either the old or the new configuration is on disk, never a mix. */
    void save(ConnectorConfig config);

    void delete(String connectorId);

    /**
     * The highest version a deleted connector of this id had (its tombstone), 0 if none: a connector created again
     * continues from there, so a {@code config_version} names one configuration across all lives of an id.
     */
    default long retiredVersion(String connectorId) {
        return 0;
    }

    /**
     * Whether other processes write this store too (cluster mode: Redis). The registry then reads the stored config
     * before each change and writes it with {@link #replace}, so versions are assigned atomically cluster-wide.
     */
    default boolean shared() {
        return false;
    }

    /** The stored config of one connector. */
    default Optional<ConnectorConfig> load(String connectorId) {
        return loadAll().stream().filter(c -> c.connectorId().equals(connectorId)).findFirst();
    }

    /**
     * Stores {@code next} only if the stored config still has {@code expected}'s version and paused flag (null: none
     * is stored); false when another writer changed it first. A store only this process writes (the file store, under
     * the registry's per-connector lock) simply saves.
     */
    default boolean replace(ConnectorConfig expected, ConnectorConfig next) {
        save(next);
        return true;
    }
}
