package com.autonomos.handshake.contracts.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;

/**
 * Optional body of {@code POST /api/actions/provision-connector}; every field defaults (mulesoft, chaos on, no
 * reconciliation: the seed's package).
 *
 * @param reconcile ask DCL to take the fields the Farm disputes from the record of truth ({@code policy.reconcile})
 */
public record HandoffRequest(
        @JsonProperty("platform") @Pattern(regexp = "[a-z0-9_-]{1,32}") String platform,
        @JsonProperty("chaos") Boolean chaos,
        @JsonProperty("reconcile") Boolean reconcile) {

    public HandoffRequest(String platform, Boolean chaos) {
        this(platform, chaos, null);
    }
}
