package com.autonomos.handshake.dcl.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.system.DclProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConnectorStoreTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private FileConnectorStore store() {
        return new FileConnectorStore(new DclProperties(dataDir, "t", List.of()), CLOCK);
    }

    private static ConnectorConfig config(String id, String url, long version) {
        return new ConnectorConfig(id, "mulesoft_stream", url, new ConnectorPolicy(true, false, null), version, false,
                Instant.parse("2025-01-02T03:04:05Z"));
    }

    @Test
    void savedConnectorsLoadBackEqualAndNoTempFileRemains() throws Exception {
        store().save(config("mule_auto_01", "http://localhost:8088/a", 3));
        store().save(config("other", "http://localhost:8088/b", 1));

        FileConnectorStore reopened = store();
        assertThat(reopened.loadAll()).containsExactly(config("mule_auto_01", "http://localhost:8088/a", 3),
                config("other", "http://localhost:8088/b", 1));
        assertThat(reopened.problems()).isEmpty();
        try (Stream<Path> files = Files.list(dataDir.resolve("mule_auto_01"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("connector.json");
        }
    }

    @Test
    void aTornFileIsReportedAndTheOthersStillLoad() throws Exception {
        store().save(config("good", "http://localhost:8088/a", 2));
        store().save(config("torn", "http://localhost:8088/b", 5));
        Path torn = dataDir.resolve("torn/connector.json");
        byte[] bytes = Files.readAllBytes(torn);
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        FileConnectorStore reopened = store();
        assertThat(reopened.loadAll()).extracting(ConnectorConfig::connectorId).containsExactly("good");
        assertThat(reopened.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.connectorId()).isEqualTo("torn");
            assertThat(problem.reason()).startsWith("connector.json is not a valid connector file (torn or garbled?)");
        });
    }

    @Test
    void aHandEditedFileFailsItsChecksum() throws Exception {
        store().save(config("edited", "http://localhost:8088/a", 2));
        Path file = dataDir.resolve("edited/connector.json");
        Files.writeString(file, Files.readString(file).replace("\"version\":2", "\"version\":7"));

        FileConnectorStore reopened = store();
        assertThat(reopened.loadAll()).isEmpty();
        assertThat(reopened.problems()).containsExactly(
                new ConnectorStoreProblem("edited", "connector.json checksum mismatch (torn or edited by hand)"));
    }

    @Test
    void deleteKeepsDataFilesAndTheConnectorDoesNotComeBack() throws Exception {
        store().save(config("gone", "http://localhost:8088/a", 1));
        Files.writeString(dataDir.resolve("gone/records.ndjson"), "{}\n");

        store().delete("gone");

        assertThat(store().loadAll()).isEmpty();
        assertThat(dataDir.resolve("gone/records.ndjson")).exists();
        assertThat(dataDir.resolve("gone/connector.json.deleted-" + CLOCK.millis())).exists();
    }

    @Test
    void leftoverTempFilesOfACrashedWriteAreIgnoredAndRemoved() throws Exception {
        store().save(config("crashed", "http://localhost:8088/a", 1));
        Path temp = dataDir.resolve("crashed/connector.json.123.tmp");
        Files.writeString(temp, "{\"format\":1,\"conn", StandardCharsets.UTF_8);

        assertThat(store().loadAll()).containsExactly(config("crashed", "http://localhost:8088/a", 1));
        assertThat(temp).doesNotExist();
    }

    @Test
    void concurrentProvisionsOfOneConnectorGetConsecutiveVersionsAndTheStoreHoldsTheLast() throws Exception {
        ConnectorRegistry registry = new ConnectorRegistry(store(), event -> { }, CLOCK, new ConnectorsProperties(100));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ProvisionOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String url = "http://localhost:8088/api/stream/" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                return registry.provision(new ProvisioningPackage("mule_auto_01", "mulesoft_stream", url,
                        ConnectorPolicy.repairing()));
            }));
        }
        start.countDown();
        List<Long> versions = new ArrayList<>();
        ProvisionOutcome last = null;
        for (Future<ProvisionOutcome> outcome : outcomes) {
            ProvisionOutcome o = outcome.get();
            versions.add(o.current().version());
            if (last == null || o.current().version() > last.current().version()) {
                last = o;
            }
        }
        pool.shutdown();

        assertThat(versions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(registry.find("mule_auto_01")).contains(last.current());
        assertThat(store().loadAll()).containsExactly(last.current());
    }

    private static ProvisioningPackage pkg(String id, String url) {
        return new ProvisioningPackage(id, "mulesoft_stream", url, ConnectorPolicy.repairing());
    }

    private ConnectorRegistry registry(int max) {
        return new ConnectorRegistry(store(), event -> { }, CLOCK, new ConnectorsProperties(max));
    }

    @Test
    void aConnectorCreatedAgainAfterADeleteContinuesItsVersions() {
        ConnectorRegistry registry = registry(100);
        registry.provision(pkg("lives", "http://localhost:8088/a"));
        registry.provision(pkg("lives", "http://localhost:8088/b"));
        registry.delete("lives");

        assertThat(registry.provision(pkg("lives", "http://localhost:8088/a")).current().version()).isEqualTo(3);
        assertThat(registry(100).find("lives").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void deletedConfigurationsArePrunedToTheNewestFiveAndVersionsStillGrow() throws Exception {
        ConnectorRegistry registry = registry(100);
        for (int i = 0; i < 8; i++) {
            registry.provision(pkg("churn", "http://localhost:8088/a"));
            registry.delete("churn");
        }
        try (Stream<Path> files = Files.list(dataDir.resolve("churn"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("connector.json.deleted-")))
                    .hasSize(FileConnectorStore.DELETED_KEPT);
        }
        assertThat(registry.provision(pkg("churn", "http://localhost:8088/a")).current().version()).isEqualTo(9);
    }

    @Test
    void aFifoInPlaceOfTheConfigIsReportedWithoutBeingOpened() throws Exception {
        Files.createDirectories(dataDir.resolve("fifo"));
        Process mkfifo = new ProcessBuilder("mkfifo", dataDir.resolve("fifo/connector.json").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        store().save(config("fine", "http://localhost:8088/a", 1));

        FileConnectorStore store = store();
        // opening a FIFO blocks until a writer comes: a hang here is the bug (bounded, so the build cannot hang)
        List<ConnectorConfig> loaded = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), store::loadAll);
        assertThat(loaded).containsExactly(config("fine", "http://localhost:8088/a", 1));
        assertThat(store.problems()).singleElement().satisfies(p -> {
            assertThat(p.connectorId()).isEqualTo("fifo");
            assertThat(p.reason()).contains("not a regular file");
        });
    }

    @Test
    void anUnreadableConfigIsReportedAsPermissionDenied() throws Exception {
        store().save(config("locked", "http://localhost:8088/a", 1));
        Path file = dataDir.resolve("locked/connector.json");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file),
                "this user reads files whatever their permissions (root)");

        FileConnectorStore store = store();
        assertThat(store.loadAll()).isEmpty();
        assertThat(store.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("permission denied"));
    }

    @Test
    void aRestartWithMoreStoredConnectorsThanTheLimitRunsTheLimitAndKeepsTheRestStopped() {
        for (String id : List.of("c1", "c2", "c3", "c4", "c5")) {
            store().save(config(id, "http://localhost:8088/" + id, 2));
        }
        ConnectorRegistry registry = registry(3);

        assertThat(registry.all()).extracting(ConnectorConfig::connectorId).containsExactly("c1", "c2", "c3");
        assertThat(registry.stopped()).extracting(ConnectorConfig::connectorId).containsExactly("c4", "c5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.provision(pkg("c6", "http://localhost:8088/x")))
                .isInstanceOf(ConnectorLimitException.class);
        assertThat(dataDir.resolve("c6")).doesNotExist();

        registry.delete("c1");
        ProvisionOutcome started = registry.provision(pkg("c4", "http://localhost:8088/c4"));
        assertThat(started.current().version()).isEqualTo(3);
        assertThat(registry.all()).extracting(ConnectorConfig::connectorId).containsExactly("c2", "c3", "c4");
        assertThat(registry.stopped()).extracting(ConnectorConfig::connectorId).containsExactly("c5");
    }
}
