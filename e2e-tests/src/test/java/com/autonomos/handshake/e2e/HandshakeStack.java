package com.autonomos.handshake.e2e;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The whole product as a person runs it: farm simulator, DCL and AOD as three processes on free ports, wired only
 * through their documented environment variables, with a freshly generated provisioning token.
 */
final class HandshakeStack implements AutoCloseable {

    final String token;
    final ServiceProcess farm;
    final ServiceProcess dcl;
    final ServiceProcess aod;

    private HandshakeStack(String token, ServiceProcess farm, ServiceProcess dcl, ServiceProcess aod) {
        this.token = token;
        this.farm = farm;
        this.dcl = dcl;
        this.aod = aod;
    }

    /** Starts all three at once, then waits until each is ready. */
    static HandshakeStack start(Path dclDataDir) {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int dclPort = ServiceProcess.freePort();
        ServiceProcess farm = ServiceProcess.start("farm-simulator", Map.of());
        ServiceProcess dcl = startDcl(dclDataDir, dclPort, farm.port(), token);
        ServiceProcess aod = ServiceProcess.start("aod-service", Map.of(
                "DCL_URL", "http://localhost:" + dclPort,
                "FARM_API_URL", farm.baseUrl(),
                "DCL_PROVISION_TOKEN", token));
        farm.awaitReady();
        dcl.awaitReady();
        aod.awaitReady();
        return new HandshakeStack(token, farm, dcl, aod);
    }

    static ServiceProcess startDcl(Path dataDir, int port, int farmPort, String token) {
        // A finite seeded test stream is read once (the Farm's real stream is endless and never ends cleanly), so
        // counts can be compared with the simulator's manifest: dcl.ingest.reconnect.on-end=false.
        return ServiceProcess.start("dcl-service", port, Map.of(
                "DCL_INGEST_RECONNECT_ONEND", "false",
                "DCL_PROVISION_TOKEN", token,
                "DCL_DATA_DIR", dataDir.toString(),
                "DCL_ALLOWED_SOURCES", "localhost:" + farmPort + ",127.0.0.1:" + farmPort));
    }

    Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        try (farm; dcl; aod) {
            // try-with-resources closes in reverse order: AOD, then DCL, then the farm
        }
    }
}
