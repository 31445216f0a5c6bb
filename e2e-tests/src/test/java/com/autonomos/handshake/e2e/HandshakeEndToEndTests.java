package com.autonomos.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The seed's checklist, run against the three real services: DCL starts idle, AOD is asked to provision, DCL logs the
 * command, starts reading the chaos stream, detects drift and repairs it, and every line it read is accounted for. Then
 * a second target proves that a switch neither loses nor double-counts a record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandshakeEndToEndTests {

    private static final String CONNECTOR = "mule_auto_01";

    @TempDir
    static Path dataDir;

    private final HttpJson http = new HttpJson();
    private HandshakeStack stack;

    @BeforeAll
    void startTheProduct() {
        stack = HandshakeStack.start(dataDir);
    }

    @AfterAll
    void stopTheProduct() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void dclStartsIdleUntilSomethingIsProvisioned() {
        JsonNode telemetry = http.get(stack.dcl.baseUrl() + "/api/ingest/telemetry");

        assertThat(telemetry.get("connectors")).isEmpty();
        assertThat(telemetry.at("/totals/lines_read").asLong()).isZero();
        assertThat(http.get(stack.dcl.baseUrl() + "/api/ingest/config").get("connectors")).isEmpty();
    }

    @Test
    @Order(2)
    void aodScanFindsTheMuleSoftRouteByProbingTheFarm() {
        JsonNode detections = http.get(stack.aod.baseUrl() + "/api/scan/middleware").get("detections");

        JsonNode mule = detections.get(0);
        assertThat(mule.get("platform").asString()).isEqualTo("mulesoft");
        assertThat(mule.get("detected_url").asString())
                .isEqualTo(stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft");
        assertThat(mule.get("related_asset").asString()).isEqualTo("salesforce_crm");
        assertThat(mule.get("confidence").asDouble()).isEqualTo(0.98);
        assertThat(mule.at("/probe/reachable").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aodProvisionsDclWhichSwitchesToTheChaosStreamAndRepairsDrift() {
        String chaosTarget = stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft?chaos=true";

        HttpJson.Response handoff = http.post(stack.aod.baseUrl() + "/api/actions/provision-connector", "", Map.of());

        assertThat(handoff.status()).as(handoff.body().toString()).isEqualTo(200);
        assertThat(handoff.body().get("status").asString()).isEqualTo("Provisioning Command Sent");
        assertThat(handoff.body().at("/targeting_package/connector_id").asString()).isEqualTo(CONNECTOR);
        assertThat(handoff.body().at("/targeting_package/source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(handoff.body().at("/targeting_package/target_url").asString()).isEqualTo(chaosTarget);
        assertThat(handoff.body().at("/targeting_package/policy/repair_enabled").asBoolean()).isTrue();
        assertThat(handoff.body().at("/dcl/status").asString()).isEqualTo("provisioned");
        assertThat(handoff.body().at("/dcl/version").asLong()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> stack.dcl.printed(
                "Received Provisioning Command from AOD. Switching Target to " + chaosTarget));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> connector().get("lines_read").asLong() > 0);

        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode c = connector();
            return c.get("drift_detected").asLong() > 0 && c.get("repaired_success").asLong() > 0;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.dcl.printed("Drift Detected")
                && stack.dcl.printed("Repaired"));
        for (int read = 0; read < 20; read++) {
            assertCountersAddUp(http.get(stack.dcl.baseUrl() + "/api/ingest/telemetry"));
        }
    }

    @Test
    @Order(4)
    void aSecondTargetSwitchesTheLiveStreamWithoutLosingOrDoubleCountingRecords() throws IOException {
        String cleanTarget = stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft";
        long readBefore = connector().get("lines_read").asLong();

        HttpJson.Response handoff = http.post(stack.aod.baseUrl() + "/api/actions/provision-connector",
                "{\"platform\":\"mulesoft\",\"chaos\":false}", Map.of());

        assertThat(handoff.status()).as(handoff.body().toString()).isEqualTo(200);
        assertThat(handoff.body().at("/dcl/version").asLong()).isEqualTo(2);
        assertThat(handoff.body().at("/dcl/previous_target_url").asString()).endsWith("?chaos=true");
        await().atMost(Duration.ofSeconds(10)).until(() -> connector().get("version").asLong() == 2
                && connector().get("lines_read").asLong() > readBefore + 5);

        HttpJson.Response paused = http.post(stack.dcl.baseUrl() + "/api/connectors/" + CONNECTOR + "/pause", "",
                stack.bearer());
        assertThat(paused.status()).as(paused.body().toString()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> connector().get("in_flight").asLong() == 0);

        JsonNode settled = connector();
        Path folder = dataDir.resolve(CONNECTOR);
        await().atMost(Duration.ofSeconds(5)).until(() -> lines(folder.resolve("records.ndjson")).size()
                == settled.get("delivered").asLong());
        List<String> records = lines(folder.resolve("records.ndjson"));
        List<String> deadLetters = lines(folder.resolve("dead-letters.ndjson"));
        assertThat((long) deadLetters.size()).isEqualTo(settled.get("dead_lettered").asLong());
        assertCountersAddUp(http.get(stack.dcl.baseUrl() + "/api/ingest/telemetry"));

        Set<String> seen = new HashSet<>();
        for (String line : records) {
            JsonNode envelope = HttpJson.mapper().readTree(line);
            long version = envelope.at("/meta/config_version").asLong();
            boolean chaosStream = envelope.at("/payload/_stream_meta/chaos_mode").asBoolean();
            assertThat(chaosStream).as("a record of the old stream delivered under version 2: " + line)
                    .isEqualTo(version == 1);
            assertThat(seen.add(version + "/" + envelope.at("/payload/correlation_id").asString()))
                    .as("delivered twice: " + line).isTrue();
        }
        assertThat(seen).anyMatch(key -> key.startsWith("2/"));
    }

    private JsonNode connector() {
        for (JsonNode c : http.get(stack.dcl.baseUrl() + "/api/ingest/telemetry").get("connectors")) {
            if (CONNECTOR.equals(c.get("connector_id").asString())) {
                return c;
            }
        }
        throw new AssertionError("DCL reports no connector " + CONNECTOR);
    }

    private static void assertCountersAddUp(JsonNode telemetry) {
        for (JsonNode counts : List.of(telemetry.get("totals"), telemetry.get("connectors").get(0))) {
            assertThat(counts.get("lines_received").asLong()).as(counts.toString()).isEqualTo(
                    counts.get("delivered").asLong() + counts.get("dead_lettered").asLong()
                            + counts.get("control").asLong());
            assertThat(counts.get("lines_read").asLong()).as(counts.toString())
                    .isEqualTo(counts.get("lines_received").asLong() + counts.get("in_flight").asLong());
        }
    }

    /** Newline-terminated lines only: DCL may be in the middle of appending the last one. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().filter(l -> !l.isBlank()).toList();
    }
}
