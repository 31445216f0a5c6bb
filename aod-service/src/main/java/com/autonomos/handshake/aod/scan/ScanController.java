package com.autonomos.handshake.aod.scan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "scan", description = "Discover middleware routes")
class ScanController {

    private final ScanService scans;

    ScanController(ScanService scans) {
        this.scans = scans;
    }

    @GetMapping("/api/scan/middleware")
    @Operation(summary = "Run every middleware scanner",
            description = """
                    Each scanner probes its route (MuleSoft: GET <farm>/api/stream/synthetic/mulesoft/sample). \
                    Confidence 0.98 = invoice records seen, 0.4 = the route answers but not with invoices, \
                    0 = unreachable (probe.detail says why). Always 200: a dead route is a finding, not an error.""")
    @ApiResponse(responseCode = "200", description = "Detections, one per scanner")
    ScanReport scanMiddleware() {
        return scans.scanAll();
    }
}
