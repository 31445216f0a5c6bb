package com.autonomos.handshake.dcl.connector;

import java.util.List;

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
}
