package com.autonomos.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.testing.HttpJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private final HttpJson http = HttpJson.absolute();
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
        JsonNode telemetry = http.getJson(stack.dcl.baseUrl() + "/api/ingest/telemetry");

        assertThat(telemetry.get("connectors")).isEmpty();
        assertThat(telemetry.at("/totals/lines_read").asLong()).isZero();
        assertThat(http.getJson(stack.dcl.baseUrl() + "/api/ingest/config").get("connectors")).isEmpty();
    }

    @Test
    @Order(2)
    void aodScanFindsTheMuleSoftRouteByProbingTheFarm() {
        JsonNode detections = http.getJson(stack.aod.baseUrl() + "/api/scan/middleware").get("detections");

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

        HttpJson.Answer handoff = http.postJson(stack.aod.baseUrl() + "/api/actions/provision-connector", "", Map.of());

        assertThat(handoff.status()).as(handoff.json().toString()).isEqualTo(200);
        assertThat(handoff.json().get("status").asString()).isEqualTo("Provisioning Command Sent");
        assertThat(handoff.json().at("/targeting_package/connector_id").asString()).isEqualTo(CONNECTOR);
        assertThat(handoff.json().at("/targeting_package/source_type").asString()).isEqualTo("mulesoft_stream");
        assertThat(handoff.json().at("/targeting_package/target_url").asString()).isEqualTo(chaosTarget);
        assertThat(handoff.json().at("/targeting_package/policy/repair_enabled").asBoolean()).isTrue();
        assertThat(handoff.json().at("/dcl/status").asString()).isEqualTo("provisioned");
        assertThat(handoff.json().at("/dcl/version").asLong()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> stack.dcl.printed(
                "Received Provisioning Command from AOD. Switching Target to " + chaosTarget));
        // behaviour, not speed: DCL reads the new target without anyone nudging it again (the switch's latency is
        // measured by the benchmark harness, SwitchProbe, not asserted here)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> connector().get("lines_read").asLong() > 0);

        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode c = connector();
            return c.get("drift_detected").asLong() > 0 && c.get("repaired_success").asLong() > 0;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.dcl.printed("Drift Detected")
                && stack.dcl.printed("Repaired"));
        for (int read = 0; read < 20; read++) {
            assertNoNegativeInFlight(http.getJson(stack.dcl.baseUrl() + "/api/ingest/telemetry"));
        }

        // the Farm-faithful simulator (the default): repaired fields come from the record of truth, but the stream's
        // other values do not, so the Farm refuses to verify and says which fields it disputes
        List<JsonNode> repaired = repairedRecords(CONNECTOR);
        assertThat(repaired).isNotEmpty().allSatisfy(r -> {
            assertThat(r.at("/meta/verified").asBoolean()).as(r.get("meta").toString()).isFalse();
            assertThat(r.at("/meta/mismatches")).as(r.get("meta").toString()).isNotEmpty();
            assertThat(r.at("/meta/reconciled").isMissingNode()).isTrue();
        });
    }

    @Test
    @Order(4)
    void aSecondTargetSwitchesTheLiveStreamWithoutLosingOrDoubleCountingRecords() throws IOException {
        String cleanTarget = stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft";
        long readBefore = connector().get("lines_read").asLong();

        HttpJson.Answer handoff = http.postJson(stack.aod.baseUrl() + "/api/actions/provision-connector",
                "{\"platform\":\"mulesoft\",\"chaos\":false}", Map.of());

        assertThat(handoff.status()).as(handoff.json().toString()).isEqualTo(200);
        assertThat(handoff.json().at("/dcl/version").asLong()).isEqualTo(2);
        assertThat(handoff.json().at("/dcl/previous_target_url").asString()).endsWith("?chaos=true");
        await().atMost(Duration.ofSeconds(10)).until(() -> connector().get("version").asLong() == 2
                && connector().get("lines_read").asLong() > readBefore + 5);

        HttpJson.Answer paused = http.postJson(stack.dcl.baseUrl() + "/api/connectors/" + CONNECTOR + "/pause", "",
                stack.bearer());
        assertThat(paused.status()).as(paused.json().toString()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(30)).until(() -> connector().get("in_flight").asLong() == 0);

        JsonNode settled = connector();
        Path folder = dataDir.resolve(CONNECTOR);
        await().atMost(Duration.ofSeconds(5)).until(() -> lines(folder.resolve("records.ndjson")).size()
                == settled.get("delivered").asLong());
        List<String> records = lines(folder.resolve("records.ndjson"));
        List<String> deadLetters = lines(folder.resolve("dead-letters.ndjson"));
        assertThat((long) deadLetters.size()).isEqualTo(settled.get("dead_lettered").asLong());
        assertBalanced(CONNECTOR, settled);

        Set<String> seen = new HashSet<>();
        for (String line : records) {
            JsonNode envelope = HttpJson.JSON.readTree(line);
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
        return connector(CONNECTOR);
    }

    @Test
    @Order(5)
    void withReconcileTheFaithfulFarmVerifiesEveryRepairedRecordAndTheAuditBalancesAfterTheChaosRun() {
        // a short seeded chaos stream (134 lines on the wire, 23 of them empty, one 1 s stall), read to its end
        String query = "chaos=true&chaos_rate=0.3&seed=16&limit=120&spike_seconds=1";
        JsonNode manifest = http.getJson(stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft/manifest?" + query);
        String target = stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft?speed=fast&" + query;
        HttpJson.Answer provisioned = http.postJson(stack.dcl.baseUrl() + "/api/ingest/provision",
                "{\"connector_id\":\"reconciling\",\"source_type\":\"mulesoft_stream\",\"target_url\":\"" + target
                        + "\",\"policy\":{\"repair_enabled\":true,\"reconcile\":true}}", stack.bearer());
        assertThat(provisioned.status()).as(provisioned.json().toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode c = connector("reconciling");
            return c.get("lines_read").asLong() == manifest.get("wire_lines").asLong()
                    && c.get("in_flight").asLong() == 0;
        });
        JsonNode settled = connector("reconciling");
        assertThat(settled.get("control").asLong()).isEqualTo(manifest.at("/counts/CONTROL").asLong());
        assertThat(settled.get("toxic_blocked").asLong()).isEqualTo(manifest.at("/counts/MALFORMED").asLong()
                + manifest.at("/counts/NOT_AN_OBJECT").asLong() + manifest.get("empty_lines").asLong());

        List<JsonNode> repaired = repairedRecords("reconciling");
        assertThat(repaired).hasSize((int) settled.get("repaired_success").asLong()).isNotEmpty();
        for (JsonNode record : repaired) {
            JsonNode meta = record.get("meta");
            JsonNode truth = http.getJson(stack.farm.baseUrl() + "/api/source/salesforce/invoice/"
                    + record.at("/payload/invoice_id").asString()).get("invoice");
            assertThat(meta.get("verified").asBoolean()).as(meta.toString()).isTrue();
            assertThat(meta.get("reconciled")).as(meta.toString()).isNotEmpty();
            for (JsonNode reconciled : meta.get("reconciled")) {
                String pointer = "/" + reconciled.get("field").asString().replace('.', '/');
                assertThat(number(record.get("payload").at(pointer))).as(pointer)
                        .isEqualTo(number(truth.at(pointer)));
            }
        }
        assertThat(settled.get("reconciled").asLong()).isEqualTo(repaired.size());
        assertThat(settled.get("verified_count").asLong()).isEqualTo(repaired.size());
        assertBalanced("reconciling", settled);
    }

    private List<JsonNode> repairedRecords(String id) {
        List<JsonNode> repaired = new ArrayList<>();
        http.getJson(stack.dcl.baseUrl() + "/api/connectors/" + id + "/records?limit=1000").forEach(r -> {
            if (r.at("/meta/is_repaired").asBoolean()) {
                repaired.add(r);
            }
        });
        return repaired;
    }

    private JsonNode connector(String id) {
        JsonNode telemetry = http.getJson(stack.dcl.baseUrl() + "/api/ingest/telemetry");
        assertNoNegativeInFlight(telemetry);
        for (JsonNode c : telemetry.get("connectors")) {
            if (id.equals(c.get("connector_id").asString())) {
                return c;
            }
        }
        throw new AssertionError("DCL reports no connector " + id);
    }

    @Test
    @Order(6)
    void theThreeServicesRefuseInvalidInputInOneProblemVocabulary() {
        HttpJson.Answer aod = http.postJson(stack.aod.baseUrl() + "/api/actions/provision-connector",
                "{\"platform\":\"Mule Soft!\"}", Map.of());
        HttpJson.Answer dcl = http.postJson(stack.dcl.baseUrl() + "/api/ingest/provision",
                "{\"connector_id\":\"Bad_ID\",\"source_type\":\"mulesoft_stream\",\"target_url\":\""
                        + stack.farm.baseUrl() + "/api/stream/synthetic/mulesoft\",\"policy\":{}}", stack.bearer());
        HttpJson.Answer farm = http.postJson(stack.farm.baseUrl() + "/api/verify/salesforce/invoice",
                "{\"total_amount\":1}", Map.of());

        for (HttpJson.Answer invalid : List.of(aod, dcl)) {
            assertThat(invalid.status()).as(invalid.text()).isEqualTo(422);
            assertThat(invalid.contentType()).startsWith("application/problem+json");
            assertThat(invalid.json().get("type").asString()).isEqualTo("https://aos-handshake/problems/validation");
            assertThat(invalid.json().get("title").asString()).isEqualTo("Validation failed");
        }
        assertThat(aod.json().at("/errors/0/pointer").asString()).isEqualTo("#/platform");
        assertThat(dcl.json().at("/errors/0/pointer").asString()).isEqualTo("#/connector_id");
        assertThat(dcl.json().at("/errors/0/detail").asString()).startsWith("must match");
        assertThat(farm.status()).as(farm.text()).isEqualTo(422);
        assertThat(farm.json().get("type").asString())
                .isEqualTo("https://aos-handshake/problems/unverifiable-invoice");
    }

    /** Numbers compared by value (the Farm writes 1234.50, a reader may keep 1234.5). */
    private static Object number(JsonNode node) {
        return node.isNumber() ? node.decimalValue().stripTrailingZeros() : node;
    }

    /** The audit: DCL's counters against a recount of its files, both equal to what the telemetry said. */
    private void assertBalanced(String id, JsonNode settled) {
        JsonNode audit = http.getJson(stack.dcl.baseUrl() + "/api/connectors/" + id + "/audit");
        assertThat(audit.get("balanced").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.at("/stored/delivered").asLong()).isEqualTo(settled.get("delivered").asLong());
        assertThat(audit.at("/stored/dead_lettered").asLong()).isEqualTo(settled.get("dead_lettered").asLong());
    }

    private static void assertNoNegativeInFlight(JsonNode telemetry) {
        assertThat(telemetry.at("/totals/in_flight").asLong()).as("in_flight").isNotNegative();
        telemetry.get("connectors").forEach(c -> assertThat(c.get("in_flight").asLong()).as("in_flight")
                .isNotNegative());
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
