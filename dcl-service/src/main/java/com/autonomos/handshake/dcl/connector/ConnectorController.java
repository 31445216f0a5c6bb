package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.dcl.system.OperatorToken;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connector lifecycle as Kafka Connect users expect it. Pause, resume and restart answer 202: the registry has
 * accepted the change and the sidecar applies it asynchronously; the body is the status at that moment. Commands need
 * the operator's bearer token; reads do not.
 */
@RestController
@RequestMapping("/api/connectors")
@Tag(name = "connector")
class ConnectorController {

    private static final Logger log = LoggerFactory.getLogger(ConnectorController.class);

    private final ConnectorRegistry registry;
    private final ConnectorRuntime runtime;
    private final OperatorToken operatorToken;
    private final ConnectorOwnership ownership;

    ConnectorController(ConnectorRegistry registry, ConnectorRuntime runtime, OperatorToken operatorToken,
                        ConnectorOwnership ownership) {
        this.ownership = ownership;
        this.registry = registry;
        this.runtime = runtime;
        this.operatorToken = operatorToken;
    }

    @GetMapping
    ConnectorList list() {
        List<ConnectorStatus> statuses = new ArrayList<>();
        registry.all().forEach(config -> statuses.add(status(config)));
        registry.problems().forEach(problem -> statuses.add(ConnectorStatus.broken(problem)));
        registry.stopped().forEach(config -> statuses.add(ConnectorStatus.stopped(config, registry.max())));
        statuses.sort(Comparator.comparing(ConnectorStatus::connectorId));
        return new ConnectorList(statuses);
    }

    @GetMapping("/{id}")
    ConnectorStatus get(@PathVariable String id) {
        requireValid(id);
        return registry.find(id).map(this::status)
                .or(() -> registry.problem(id).map(ConnectorStatus::broken))
                .or(() -> registry.stopped(id).map(config -> ConnectorStatus.stopped(config, registry.max())))
                .orElseThrow(() -> new UnknownConnectorException(id));
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<ConnectorStatus> pause(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "paused", registry::pause);
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<ConnectorStatus> resume(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "resumed", registry::resume);
    }

    @PostMapping("/{id}/restart")
    ResponseEntity<ConnectorStatus> restart(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        return command(id, authorization, "restart requested", connector -> registry.find(connector).map(config -> {
            runtime.restart(connector);
            return config;
        }));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestHeader(name = HttpHeaders.AUTHORIZATION,
            required = false) String authorization) {
        operatorToken.authorize(authorization);
        requireValid(id);
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
        requireValid(id);
        ConnectorConfig config = action.apply(id).orElseThrow(() -> new UnknownConnectorException(id));
        log.info("Connector {} connector={} version={}", event, id, config.version());
        return ResponseEntity.accepted().body(status(config));
    }

    private ConnectorStatus status(ConnectorConfig config) {
        return ConnectorStatus.of(config, runtime.status(config.connectorId()).orElse(null),
                ownership.lease(config.connectorId()).orElse(null));
    }

    private static void requireValid(String id) {
        ConnectorId.requireValid(id);
    }

    record ConnectorList(@JsonProperty("connectors") List<ConnectorStatus> connectors) {
    }
}
