package com.autonomos.handshake.dcl.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A stand-in for the data plane's {@link ConnectorRuntime} (tests only). {@code @Primary} so it wins over a real
 * runtime bean once the data plane exists, for tests that start a whole application with it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubConnectorRuntimeConfiguration {

    @Bean
    @Primary
    StubConnectorRuntime stubConnectorRuntime() {
        return new StubConnectorRuntime();
    }

    /** Reports what a test sets and records restarts. */
    public static class StubConnectorRuntime implements ConnectorRuntime {

        private final Map<String, ConnectorRuntimeStatus> statuses = new ConcurrentHashMap<>();
        private final List<String> restarts = new CopyOnWriteArrayList<>();

        public void report(String connectorId, ConnectorRuntimeStatus status) {
            statuses.put(connectorId, status);
        }

        public List<String> restarts() {
            return restarts;
        }

        @Override
        public Optional<ConnectorRuntimeStatus> status(String connectorId) {
            return Optional.ofNullable(statuses.get(connectorId));
        }

        @Override
        public void restart(String connectorId) {
            restarts.add(connectorId);
        }
    }
}
