package com.autonomos.handshake.dcl.telemetry;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "telemetry")
class EventsController {

    private final EventStream events;

    EventsController(EventStream events) {
        this.events = events;
    }

    /** Server-sent events: {@code log} (DCL's INFO+ log lines) and {@code telemetry} (a snapshot every tick). */
    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        SseEmitter emitter = events.subscribe();
        if (emitter == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many event subscribers");
        }
        return emitter;
    }
}
