package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import com.autonomos.handshake.contracts.ingest.Envelope;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Recent envelopes and dead letters of a connector, newest first. */
@RestController
@Tag(name = "sink")
class RecordsController {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final RecentRecords recent;
    private final ConnectorRegistry registry;
    private final JsonMapper mapper;

    RecordsController(RecentRecords recent, ConnectorRegistry registry, JsonMapper mapper) {
        this.recent = recent;
        this.registry = registry;
        this.mapper = mapper;
    }

    @GetMapping("/api/connectors/{id}/records")
    List<Envelope> records(@PathVariable String id,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        registry.require(id);
        return recent.records(id, limit).stream()
                .map(r -> new Envelope(r.meta(), mapper.convertValue(r.payload().tree(), MAP)))
                .toList();
    }

    @GetMapping("/api/connectors/{id}/dead-letters")
    List<DeadLetter> deadLetters(@PathVariable String id,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        registry.require(id);
        return recent.deadLetters(id, limit);
    }
}
