package com.autonomos.handshake.dcl.connector;

import java.util.List;

/** Durable copy of the registry, so a restarted DCL resumes the same connectors at the same versions. */
public interface ConnectorStore {

    /** Every stored connector. Throws {@link ConnectorStoreException} when a stored file is torn or garbled. */
    List<ConnectorConfig> loadAll();

    /** Stores atomically: after a crash either the old or the new configuration is on disk, never a mix. */
    void save(ConnectorConfig config);

    void delete(String connectorId);
}
