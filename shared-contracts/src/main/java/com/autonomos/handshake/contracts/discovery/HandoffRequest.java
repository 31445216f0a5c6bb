package com.autonomos.handshake.contracts.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;

/** Optional body of {@code POST /api/actions/provision-connector}; both fields default (mulesoft, chaos on). */
public record HandoffRequest(
        @JsonProperty("platform") @Pattern(regexp = "[a-z0-9_-]{1,32}") String platform,
        @JsonProperty("chaos") Boolean chaos) {
}
