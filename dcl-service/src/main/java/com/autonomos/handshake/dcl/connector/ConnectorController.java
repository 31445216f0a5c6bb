package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.dcl.system.OperatorToken;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connector resource: status, desired configuration and lifecycle, as Kafka Connect users expect them (the
 * handshake's create-or-update is {@code provision}'s; a connector's records are {@code sink}'s). Pause, resume and
 * restart answer 202: the registry has accepted the change and the sidecar applies it asynchronously; the body is the
 * status at that moment. Commands need the operator's bearer token; reads do not.
 */
@RestController
@Tag(name = "connector")
class ConnectorController {

    private static final String CONNECTORS = "/api/connectors";
    private static final String CONNECTOR = CONNECTORS + "/{id}";
    private static final Logger log = LoggerFactory.getLogger(ConnectorController.class);

    private final ConnectorRegistry registry;
    private final ConnectorRuntime runtime;
    private final OperatorToken operatorToken;
    private final ConnectorStatuses statuses;

    ConnectorController(ConnectorRegistry registry, ConnectorRuntime runtime, OperatorToken operatorToken,
                        ConnectorStatuses statuses) {
        this.statuses = statuses;
        this.registry = registry;
        this.runtime = runtime;
        this.operatorToken = operatorToken;
    }

    @GetMapping(CONNECTORS)
    ConnectorList list() {
        return new ConnectorList(statuses.all());
    }

    @GetMapping(CONNECTOR)
    ConnectorStatus get(@PathVariable String id) {
        ConnectorId.requireValid(id);
        return statuses.find(id).orElseThrow(() -> new UnknownConnectorException(id));
    }

    @GetMapping("/api/ingest/config")
    @Operation(summary = "Every connector's desired configuration and version, and stored ones that failed to load")
    ConfigView config() {
        return new ConfigView(registry.all().stream().map(ConnectorConfigView::of).toList(), registry.problems());
    }

    @PostMapping(CONNECTOR + "/pause")
    ResponseEntity<ConnectorStatus> pause(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "paused", registry::pause);
    }

    @PostMapping(CONNECTOR + "/resume")
    ResponseEntity<ConnectorStatus> resume(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "resumed", registry::resume);
    }

    @PostMapping(CONNECTOR + "/restart")
    ResponseEntity<ConnectorStatus> restart(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "restart requested", connector -> registry.find(connector).map(config -> {
            runtime.restart(connector);
            return config;
        }));
    }

    @DeleteMapping(CONNECTOR)
    ResponseEntity<Void> delete(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        operatorToken.authorize(authorization);
        ConnectorId.requireValid(id);
        if (registry.delete(id).isEmpty() && !registry.discardBroken(id)) {
            throw new UnknownConnectorException(id);
        }
        log.info("Connector deleted connector={} (data files kept)", id);
        return ResponseEntity.noContent().build();
    }

    /** An operator command on an existing connector: authorized, applied, logged, answered 202 with the status. */
    private ResponseEntity<ConnectorStatus> command(String id, String authorization, String event,
            Function<String, Optional<ConnectorConfig>> action) {
        operatorToken.authorize(authorization);
        ConnectorId.requireValid(id);
        ConnectorConfig config = action.apply(id).orElseThrow(() -> new UnknownConnectorException(id));
        log.info("Connector {} connector={} version={}", event, id, config.version());
        return ResponseEntity.accepted().body(statuses.of(config));
    }

    record ConnectorList(@JsonProperty("connectors") List<ConnectorStatus> connectors) {
    }

    /** {@code GET /api/ingest/config}: every connector's desired configuration, and those that failed to load. */
    record ConfigView(
            @JsonProperty("connectors") List<ConnectorConfigView> connectors,
            @JsonProperty("problems") List<ConnectorStoreProblem> problems) {
    }

    record ConnectorConfigView(
            @JsonProperty("connector_id") String connectorId,
            @JsonProperty("source_type") String sourceType,
            @JsonProperty("target_url") String targetUrl,
            @JsonProperty("policy") ConnectorPolicy policy,
            @JsonProperty("version") long version,
            @JsonProperty("paused") boolean paused,
            @JsonProperty("updated_at") Instant updatedAt) {

        static ConnectorConfigView of(ConnectorConfig config) {
            return new ConnectorConfigView(config.connectorId(), config.sourceType(), config.targetUrl(),
                    config.policy(), config.version(), config.paused(), config.updatedAt());
        }
    }
}
