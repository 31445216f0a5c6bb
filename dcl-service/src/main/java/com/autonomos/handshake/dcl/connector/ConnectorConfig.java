package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import java.time.Instant;

/**
 * The desired configuration of one connector, as the registry holds it. Immutable: every change is a new instance.
 *
 * @param version   increases by one whenever the target, source type or policy changes; a pause does not change it
 * @param paused    an operator paused the connector; the sidecar reads nothing while it is set
 * @param updatedAt when this configuration was accepted
 */
public record ConnectorConfig(
        String connectorId,
        String sourceType,
        String targetUrl,
        ConnectorPolicy policy,
        long version,
        boolean paused,
        Instant updatedAt) {

    /** Whether applying the package would change nothing (so provisioning is idempotent). */
    public boolean sameTargetingAs(ProvisioningPackage pkg) {
        return sourceType.equals(pkg.sourceType())
                && targetUrl.equals(pkg.targetUrl())
                && policy.equals(pkg.policy());
    }

    ConnectorConfig next(ProvisioningPackage pkg, Instant now) {
        return new ConnectorConfig(connectorId, pkg.sourceType(), pkg.targetUrl(), pkg.policy(), version + 1, paused, now);
    }

    ConnectorConfig withPaused(boolean value, Instant now) {
        return new ConnectorConfig(connectorId, sourceType, targetUrl, policy, version, value, now);
    }

    static ConnectorConfig first(ProvisioningPackage pkg, Instant now) {
        return first(pkg, now, 1);
    }

    static ConnectorConfig first(ProvisioningPackage pkg, Instant now, long version) {
        return new ConnectorConfig(pkg.connectorId(), pkg.sourceType(), pkg.targetUrl(), pkg.policy(), version, false,
                now);
    }
}
