package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.problem.ProblemType;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "telemetry")
class EventsController {

    private static final byte[] REFUSED = ("{\"type\":\"" + ProblemType.UNAVAILABLE.uri() + "\",\"title\":\""
            + ProblemType.UNAVAILABLE.title() + "\",\"status\":503,\"detail\":\"too many event subscribers; retry later"
            + " (dcl.telemetry.max-subscribers, max-subscribers-per-client)\",\"instance\":\"/api/events\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final EventStream events;

    EventsController(EventStream events) {
        this.events = events;
    }

    /**
     * Server-sent events: {@code log} (DCL's INFO+ log lines) and {@code telemetry} (a snapshot every tick). A refused
     * subscriber gets its 503 problem+json written here: an exception would go through content negotiation against
     * {@code text/event-stream} and end as an ERROR with a stack trace per refused request.
     */
    @GetMapping(path = "/api/events")
    SseEmitter events(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SseEmitter emitter = events.subscribe(request.getRemoteAddr());
        if (emitter == null) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            response.setContentType("application/problem+json");
            response.getOutputStream().write(REFUSED);
            return null;
        }
        return emitter;
    }
}
