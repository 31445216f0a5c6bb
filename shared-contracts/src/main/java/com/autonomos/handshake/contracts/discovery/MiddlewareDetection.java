package com.autonomos.handshake.contracts.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One middleware route a scanner found, e.g. a MuleSoft invoice stream. */
public record MiddlewareDetection(
        @JsonProperty("platform") String platform,
        @JsonProperty("detected_url") String detectedUrl,
        @JsonProperty("related_asset") String relatedAsset,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("probe") ProbeResult probe) {
}
