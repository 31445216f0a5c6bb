package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.telemetry.TelemetrySnapshot;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "telemetry")
class TelemetryController {

    private final TelemetrySnapshots snapshots;

    TelemetryController(TelemetrySnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Per connector and totals; see {@link IngestTelemetry} for what each field means. */
    @GetMapping("/api/ingest/telemetry")
    TelemetrySnapshot telemetry() {
        return snapshots.snapshot();
    }
}
