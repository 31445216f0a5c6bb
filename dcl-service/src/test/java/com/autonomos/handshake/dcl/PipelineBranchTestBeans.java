package com.autonomos.handshake.dcl;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.connector.ConnectorStore;
import com.autonomos.handshake.dcl.egress.EgressDeniedException;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.autonomos.handshake.dcl.repair.RecordRepairer;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
import com.autonomos.handshake.dcl.system.DclProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stand-ins, for this branch's tests only, for the beans other branches implement (the connector store, the egress
 * policy, the repairer). The lead replaces this class with the real beans at merge.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PipelineBranchTestBeans {

    /** An invoice id whose repair never answers (for shutdown tests). */
    public static final String HANGING_INVOICE = "INV-999999";
    /** An invoice id whose verification errors. */
    public static final String UNVERIFIABLE_INVOICE = "INV-888888";

    /** The record of truth the scripted repairer copies drifted top-level fields from. */
    public static final Map<String, Object> TRUTH = Map.of(
            "vendor", Map.of("name", "Acme Corp", "vendor_id", "V-1001", "tax_id", "12-3456789"),
            "billing_address", Map.of("street", "1 Main St", "city", "Springfield", "state", "IL", "zip", "62701",
                    "country", "US"),
            "po_number", "PO-1",
            "total_amount", 110.0,
            "invoice_date", "2024-01-15");

    @Bean
    ConnectorStore connectorStore(DclProperties dcl, JsonMapper mapper) {
        return new FileConnectorStore(dcl.dataDir(), mapper);
    }

    @Bean
    EgressPolicy egressPolicy(DclProperties dcl) {
        Set<String> hosts = new LinkedHashSet<>();
        dcl.allowedSources().forEach(s -> hosts.add(s.contains(":") ? s.substring(0, s.indexOf(':')) : s));
        return new EgressPolicy() {
            @Override
            public URI check(String url) {
                URI uri = URI.create(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null || !hosts.contains(uri.getHost())) {
                    throw new EgressDeniedException("host " + uri.getHost() + " is not on the allow-list");
                }
                return uri;
            }

            @Override
            public HttpClient httpClient() {
                return HttpClient.create().followRedirect(false);
            }
        };
    }

    @Bean
    RecordRepairer recordRepairer(JsonMapper mapper) {
        return (config, record, drift) -> {
            JsonNode id = record.get("invoice_id");
            if (id == null || !id.isString()) {
                return Mono.just(new RepairOutcome(null, List.of(), null, null, DeadLetterReason.UNREPAIRABLE,
                        "no invoice_id"));
            }
            if (HANGING_INVOICE.equals(id.asString())) {
                return Mono.never();
            }
            ObjectNode repaired = record.deepCopy();
            List<String> fields = new ArrayList<>();
            for (DriftItem item : drift) {
                String top = item.field().split("[.\\[]", 2)[0];
                if (TRUTH.containsKey(top) && !fields.contains(top)) {
                    repaired.set(top, mapper.valueToTree(TRUTH.get(top)));
                    fields.add(top);
                }
            }
            if (UNVERIFIABLE_INVOICE.equals(id.asString())) {
                return Mono.just(new RepairOutcome(repaired, fields, null, "verify endpoint unreachable", null, null));
            }
            return Mono.just(new RepairOutcome(repaired, fields,
                    new VerifyResult(true, 100.0, id.asString(), List.of(), "ok"), null, null, null));
        };
    }

    /** Keeps each connector in {@code <data-dir>/<id>/test-connector.json}, so a restarted context resumes it. */
    static final class FileConnectorStore implements ConnectorStore {
        private static final String FILE = "test-connector.json";
        private final Path dataDir;
        private final JsonMapper mapper;

        FileConnectorStore(Path dataDir, JsonMapper mapper) {
            this.dataDir = dataDir;
            this.mapper = mapper;
        }

        @Override
        public synchronized List<ConnectorConfig> loadAll() {
            if (!Files.isDirectory(dataDir)) {
                return List.of();
            }
            try (Stream<Path> dirs = Files.list(dataDir)) {
                return dirs.map(d -> d.resolve(FILE)).filter(Files::exists)
                        .map(f -> mapper.readValue(f.toFile(), ConnectorConfig.class)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void save(ConnectorConfig config) {
            try {
                Path dir = Files.createDirectories(dataDir.resolve(config.connectorId()));
                Files.write(dir.resolve(FILE), mapper.writeValueAsBytes(config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void delete(String connectorId) {
            try {
                Files.deleteIfExists(dataDir.resolve(connectorId).resolve(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
