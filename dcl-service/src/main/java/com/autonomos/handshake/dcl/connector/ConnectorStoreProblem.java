package com.autonomos.handshake.dcl.connector;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored connector that could not be loaded (torn, garbled or tampered file). It is reported as FAILED rather than
 * silently dropped, and stays so until it is provisioned again or deleted.
 *
 * @param connectorId the connector's directory name
 * @param reason      what is wrong, fit for an operator (no stack trace)
 */
record ConnectorStoreProblem(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("reason") String reason) {
}
