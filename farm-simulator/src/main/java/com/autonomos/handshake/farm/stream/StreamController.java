package com.autonomos.handshake.farm.stream;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The MuleSoft invoice stream, one sample record of it, and the manifest of a seeded stream. */
@RestController
@Tag(name = "stream")
class StreamController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    /** The seed actually used, so an unseeded stream's lines can be reproduced. */
    static final String SEED_HEADER = "X-Farm-Seed";

    private final StreamProperties properties;
    private final ActiveStreams activeStreams;

    StreamController(StreamProperties properties, ActiveStreams activeStreams) {
        this.properties = properties;
        this.activeStreams = activeStreams;
    }

    @GetMapping("/api/stream/synthetic/mulesoft")
    ResponseEntity<StreamingResponseBody> stream(@RequestParam Map<String, String> query,
            HttpServletResponse response) {
        StreamRequest request = StreamRequest.parse(query);
        FarmStream stream = new FarmStream(request.spec());
        activeStreams.requested(request.spec().seed());
        return ResponseEntity.ok()
                .contentType(NDJSON)
                .header(SEED_HEADER, Long.toString(request.spec().seed()))
                .body(new PacedStream(stream, request.speed(), properties, activeStreams, response::flushBuffer));
    }

    /**
     * How many times each seed's stream was opened (for failover tests: a stream must be reopened exactly once), and
     * when the latest stream of each seed sent its first line (for the switch benchmark).
     */
    @GetMapping("/api/stream/synthetic/mulesoft/opened")
    Map<String, Object> opened() {
        Map<Long, Long> bySeed = activeStreams.openedBySeed();
        Map<String, Long> shown = new java.util.LinkedHashMap<>();
        bySeed.forEach((seed, n) -> shown.put(Long.toString(seed), n));
        Map<String, String> firstByte = new java.util.LinkedHashMap<>();
        activeStreams.firstByteBySeed().forEach((seed, at) -> firstByte.put(Long.toString(seed), at.toString()));
        return Map.of("by_seed", shown, "total", bySeed.values().stream().mapToLong(Long::longValue).sum(),
                "first_byte_at", firstByte);
    }

    @GetMapping("/api/stream/synthetic/mulesoft/sample")
    ResponseEntity<String> sample(@RequestParam Map<String, String> query) {
        StreamRequest request = StreamRequest.parse(query);
        // Chaos off: the first line is a clean record.
        StreamSpec spec = new StreamSpec(request.spec().seed(), 1, false, 0, 0, true, LineEnding.LF,
                request.spec().mismatchRate(), request.spec().wallClock(), request.spec().truth());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(SEED_HEADER, Long.toString(spec.seed()))
                .body(new FarmStream(spec).line(0).text());
    }

    @GetMapping("/api/stream/synthetic/mulesoft/manifest")
    Manifest manifest(@RequestParam Map<String, String> query) {
        return Manifest.of(new FarmStream(StreamRequest.parseManifest(query)));
    }
}
