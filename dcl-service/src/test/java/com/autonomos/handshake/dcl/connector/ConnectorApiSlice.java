package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.autonomos.handshake.dcl.provision.ProvisionProperties;
import com.autonomos.handshake.dcl.system.DclProperties;
import com.autonomos.handshake.dcl.system.OperatorToken;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} of the connector resource needs beyond the slice: the real registry on a file store in
 * {@code dcl.data-dir} (so a test checks what the store holds), the one status view, the operator token, the egress
 * policy, the settings they read (a slice's filters keep the application's properties scan from finding them), and
 * a stand-in runtime in place of the sidecars. This worker owns every connector, as in embedded mode.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ConnectorController.class, ConnectorRegistry.class, FileConnectorStore.class, ConnectorStatuses.class,
        OperatorToken.class, StubConnectorRuntimeConfiguration.class})
@ComponentScan(basePackageClasses = EgressPolicy.class) // the policy's own configuration, as the application has it
@EnableConfigurationProperties({DclProperties.class, ConnectorsProperties.class, ProvisionProperties.class})
public class ConnectorApiSlice {

    static final String WORKER = "slice-worker";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConnectorOwnership connectorOwnership() {
        return new ConnectorOwnership() {
            @Override
            public boolean clustered() {
                return false;
            }

            @Override
            public String workerId() {
                return WORKER;
            }

            @Override
            public boolean owns(String connectorId) {
                return true;
            }

            @Override
            public long epoch(String connectorId) {
                return 0;
            }

            @Override
            public Optional<Lease> lease(String connectorId) {
                return Optional.of(new Lease(WORKER, 0, null));
            }
        };
    }
}
