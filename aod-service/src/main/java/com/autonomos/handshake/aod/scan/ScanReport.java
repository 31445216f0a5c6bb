package com.autonomos.handshake.aod.scan;

import java.time.Instant;
import java.util.List;

import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code GET /api/scan/middleware}: every scanner's detection, probed at {@code scannedAt}. */
record ScanReport(
        @JsonProperty("scanned_at") Instant scannedAt,
        @JsonProperty("detections") List<MiddlewareDetection> detections) {
}
