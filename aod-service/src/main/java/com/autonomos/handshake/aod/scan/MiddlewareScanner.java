package com.autonomos.handshake.aod.scan;

import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;

/**
 * Finds the route one middleware platform exposes and probes it. One implementation per platform; a scanner never
 * throws for a dead route, it reports it (confidence 0, {@code probe.reachable=false}).
 */
public interface MiddlewareScanner {

    /** Lower-case platform key, e.g. {@code mulesoft}; also the {@code platform} of a handoff request. */
    String platform();

    MiddlewareDetection scan();
}
