package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.system.DclProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One file per connector: {@code <data-dir>/<connector_id>/connector.json}, beside the data plane's
 * {@code records.ndjson} and {@code dead-letters.ndjson}.
 *
 * <p>Writes are atomic (temp file in the same directory, fsync, atomic rename, fsync of the directory where the
 * platform allows it). Each file carries a SHA-256 of its content and is read with a strict schema, so a torn or
 * edited file is detected: it is left out of {@link #loadAll()} and reported by {@link #problems()}, never silently
 * skipped. Deleting renames the file to {@code connector.json.deleted-<epoch-millis>} (the data files stay); a
 * broken file that is provisioned over is kept as {@code connector.json.broken-<epoch-millis>}.
 */
public class FileConnectorStore implements ConnectorStore {

    static final String FILE_NAME = "connector.json";
    private static final int FORMAT = 1;
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    /** Deleted configurations kept per connector directory (the newest is the version tombstone). */
    static final int DELETED_KEPT = 5;
    private static final String DELETED_PREFIX = FILE_NAME + ".deleted-";
    private static final Pattern CONNECTOR_ID = Pattern.compile(ProvisioningPackage.CONNECTOR_ID_PATTERN);
    private static final Logger log = LoggerFactory.getLogger(FileConnectorStore.class);

    // Own mapper: the checksum must not change when someone reconfigures the application's ObjectMapper.
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final Path dataDir;
    private final Clock clock;
    private final Map<String, ConnectorStoreProblem> problems = new ConcurrentHashMap<>();

    public FileConnectorStore(DclProperties properties, Clock clock) {
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public List<ConnectorConfig> loadAll() {
        problems.clear();
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            throw new ConnectorStoreException("cannot list the data directory " + dataDir, e);
        }
        dirs.sort(Comparator.comparing(Path::getFileName));
        List<ConnectorConfig> configs = new ArrayList<>();
        for (Path dir : dirs) {
            removeLeftoverTempFiles(dir);
            Path file = dir.resolve(FILE_NAME);
            if (!Files.exists(file)) {
                continue; // e.g. a deleted connector whose data files are kept
            }
            String id = dir.getFileName().toString();
            try {
                configs.add(read(id, file));
            } catch (BrokenFile e) {
                problems.put(id, new ConnectorStoreProblem(id, e.getMessage()));
                log.error("Connector config unreadable connector={} file={} reason=\"{}\"", id, file, e.getMessage());
            }
        }
        return configs;
    }

    @Override
    public List<ConnectorStoreProblem> problems() {
        return problems.values().stream().sorted(Comparator.comparing(ConnectorStoreProblem::connectorId)).toList();
    }

    @Override
    public void save(ConnectorConfig config) {
        Path dir = directoryOf(config.connectorId());
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                syncDirectory(dataDir);
            }
            Path file = dir.resolve(FILE_NAME);
            if (problems.containsKey(config.connectorId()) && Files.exists(file)) {
                Files.move(file, dir.resolve(FILE_NAME + ".broken-" + clock.millis()), StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] bytes = serialize(config);
            Path temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            problems.remove(config.connectorId());
        } catch (IOException e) {
            throw new ConnectorStoreException("cannot store connector " + config.connectorId(), e);
        }
    }

    @Override
    public void delete(String connectorId) {
        Path dir = directoryOf(connectorId);
        try {
            List<Path> earlier = deletedFiles(dir);
            // names sort as the deletes happened, even two within a millisecond or under a clock set back
            long at = Math.max(clock.millis(), earlier.isEmpty() ? 0 : deletedAt(earlier.get(earlier.size() - 1)) + 1);
            Files.move(dir.resolve(FILE_NAME), dir.resolve(DELETED_PREFIX + at), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            pruneDeleted(dir);
        } catch (NoSuchFileException e) {
            // nothing stored: already gone
        } catch (IOException e) {
            throw new ConnectorStoreException("cannot delete connector " + connectorId, e);
        }
        problems.remove(connectorId);
    }

    @Override
    public long retiredVersion(String connectorId) {
        long version = 0;
        for (Path file : deletedFiles(directoryOf(connectorId))) {
            try {
                version = Math.max(version, read(connectorId, file).version());
            } catch (BrokenFile e) {
                log.warn("Deleted connector config unreadable file={} reason=\"{}\"", file, e.getMessage());
            }
        }
        return version;
    }

    /** Keeps the newest {@link #DELETED_KEPT} deleted configurations of a directory; versions only grow. */
    private void pruneDeleted(Path dir) {
        List<Path> deleted = deletedFiles(dir);
        for (int i = 0; i < deleted.size() - DELETED_KEPT; i++) {
            try {
                Files.deleteIfExists(deleted.get(i));
            } catch (IOException e) {
                log.warn("Cannot prune deleted config file={} reason=\"{}\"", deleted.get(i), e.getMessage());
            }
        }
    }

    /** The directory's {@code connector.json.deleted-<millis>} files, oldest first. */
    private static List<Path> deletedFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, DELETED_PREFIX + "*")) {
            for (Path file : stream) {
                if (deletedAt(file) >= 0) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list deleted configs dir={} reason=\"{}\"", dir, e.getMessage());
        }
        files.sort(Comparator.comparingLong(FileConnectorStore::deletedAt));
        return files;
    }

    private static long deletedAt(Path file) {
        try {
            return Long.parseLong(file.getFileName().toString().substring(DELETED_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The connector's directory; where the data plane keeps its files too. */
    public Path directoryOf(String connectorId) {
        if (connectorId == null || !CONNECTOR_ID.matcher(connectorId).matches()) {
            throw new IllegalArgumentException("invalid connector id");
        }
        return dataDir.resolve(connectorId);
    }

    private byte[] serialize(ConnectorConfig config) {
        StoredConnector unsigned = new StoredConnector(FORMAT, config.connectorId(), config.sourceType(),
                config.targetUrl(), config.policy(), config.version(), config.paused(), config.updatedAt().toString(), null);
        StoredConnector signed = unsigned.withSha256(sha256(mapper.writeValueAsBytes(unsigned)));
        return (mapper.writeValueAsString(signed) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private ConnectorConfig read(String id, Path file) {
        StoredConnector stored;
        try {
            // only a regular file is opened: a FIFO (or a device) put there would block start-up forever
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new BrokenFile("connector.json is not a regular file");
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                throw new BrokenFile("connector.json is larger than " + MAX_FILE_BYTES + " bytes");
            }
            stored = mapper.readValue(Files.readAllBytes(file), StoredConnector.class);
        } catch (AccessDeniedException e) {
            throw new BrokenFile("cannot read connector.json: permission denied");
        } catch (IOException e) {
            throw new BrokenFile("cannot read connector.json: " + e.getMessage());
        } catch (JacksonException e) {
            throw new BrokenFile("connector.json is not a valid connector file (torn or garbled?): "
                    + e.getOriginalMessage());
        }
        if (stored == null || stored.format() != FORMAT) {
            throw new BrokenFile("connector.json has an unknown format (expected " + FORMAT + ")");
        }
        if (stored.sha256() == null || !stored.sha256().equals(sha256(mapper.writeValueAsBytes(stored.withSha256(null))))) {
            throw new BrokenFile("connector.json checksum mismatch (torn or edited by hand)");
        }
        if (!id.equals(stored.connectorId()) || !CONNECTOR_ID.matcher(id).matches()) {
            throw new BrokenFile("connector.json names connector '" + stored.connectorId() + "' but lies in directory '" + id + "'");
        }
        if (stored.sourceType() == null || stored.targetUrl() == null || stored.policy() == null || stored.version() < 1) {
            throw new BrokenFile("connector.json lacks source_type, target_url, policy or a positive version");
        }
        try {
            return new ConnectorConfig(id, stored.sourceType(), stored.targetUrl(), stored.policy(), stored.version(),
                    stored.paused(), Instant.parse(stored.updatedAt()));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BrokenFile("connector.json has an invalid updated_at");
        }
    }

    private static void removeLeftoverTempFiles(Path dir) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, FILE_NAME + ".*.tmp")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp); // a write that crashed before its rename never became visible
            }
        } catch (IOException e) {
            log.warn("Cannot clean temp files dir={} reason=\"{}\"", dir, e.getMessage());
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true); // makes the rename durable; not supported everywhere (e.g. Windows)
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Directory fsync not supported dir={}", dir);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The file's schema, strictly read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredConnector(
            @JsonProperty("format") int format,
            @JsonProperty("connector_id") String connectorId,
            @JsonProperty("source_type") String sourceType,
            @JsonProperty("target_url") String targetUrl,
            @JsonProperty("policy") ConnectorPolicy policy,
            @JsonProperty("version") long version,
            @JsonProperty("paused") boolean paused,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("sha256") String sha256) {

        StoredConnector withSha256(String value) {
            return new StoredConnector(format, connectorId, sourceType, targetUrl, policy, version, paused, updatedAt, value);
        }
    }

    private static final class BrokenFile extends RuntimeException {
        BrokenFile(String message) {
            super(message);
        }
    }
}
