package com.autonomos.handshake.dcl.connector;

import com.autonomos.handshake.contracts.problem.ProblemType;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.system.Problems;
import java.util.regex.Pattern;
import org.springframework.web.ErrorResponseException;

/**
 * The one rule for a connector id in a path, applied by every endpoint that takes one before anything else: the
 * provisioning contract's pattern. A refused id is never echoed (it may be 10 KB of control characters).
 */
final class ConnectorId {

    private static final Pattern PATTERN = Pattern.compile(ProvisioningPackage.CONNECTOR_ID_PATTERN);

    private ConnectorId() {
    }

    /** @throws ErrorResponseException 400 {@code invalid-connector-id} when {@code id} does not match the pattern */
    public static String requireValid(String id) {
        if (id == null || id.length() > 64 || !PATTERN.matcher(id).matches()) {
            throw Problems.exception(ProblemType.INVALID_CONNECTOR_ID,
                    "the connector id in the path must match " + ProvisioningPackage.CONNECTOR_ID_PATTERN);
        }
        return id;
    }
}
