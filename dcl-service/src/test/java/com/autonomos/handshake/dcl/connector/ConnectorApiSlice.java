package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.autonomos.handshake.dcl.provision.ProvisionProperties;
import com.autonomos.handshake.dcl.system.DclProperties;
import com.autonomos.handshake.dcl.system.OperatorToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.util.FileSystemUtils;

/**
 * What a {@code @WebMvcTest} of the connector resource needs beyond the slice: the real registry on a file store in
 * a data directory of its own ({@link DataDir}, so a test checks what the store holds), the one status view, the operator token, the egress
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
    /** The operator token of slice tests that send commands: {@code @WebMvcTest(properties = ...TOKEN_PROPERTY)}. */
    public static final String TOKEN = "slice-operator-token";
    public static final String TOKEN_PROPERTY = "dcl.provision-token=" + TOKEN;

    /** The slice's {@code dcl.data-dir}: a fresh directory per application context, deleted when it closes. */
    public record DataDir(Path path) implements DisposableBean {

        @Override
        public void destroy() throws IOException {
            FileSystemUtils.deleteRecursively(path);
        }
    }

    @Bean
    DataDir sliceDataDir() throws IOException {
        return new DataDir(Files.createTempDirectory("dcl-slice-"));
    }

    @Bean
    DynamicPropertyRegistrar sliceDataDirProperty(DataDir dataDir) {
        return registry -> registry.add("dcl.data-dir", () -> dataDir.path().toString());
    }

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
