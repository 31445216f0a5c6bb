package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.sink.SinkFiles;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.autonomos.handshake.contracts.provision.ConnectorPolicy;
import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.contracts.telemetry.TelemetryCounts;
import com.autonomos.handshake.dcl.DclApplication;
import com.autonomos.handshake.dcl.connector.ConnectorRegistry;
import com.autonomos.handshake.dcl.connector.ConnectorRuntime;
import com.autonomos.handshake.dcl.telemetry.IngestTelemetry;
import com.autonomos.handshake.testing.WireMockPeer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stopping DCL loses nothing it read, and a DCL restarted on the same data directory resumes its connectors. */
class SidecarRestartTests {

    @TempDir
    Path dataDir;

    @RegisterExtension
    final WireMockExtension farm = WireMockPeer.onAFreePort();

    private ConfigurableApplicationContext start(String... extra) {
        // command-line arguments, because application.yml overrides default properties
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--dcl.data-dir=" + dataDir,
                "--dcl.allowed-sources=localhost,127.0.0.1", "--dcl.ingest.reconnect.on-end=false"));
        for (String e : extra) {
            args.add("--" + e);
        }
        return new SpringApplicationBuilder(DclApplication.class, ScriptedRepairerConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    private static TelemetryCounts counts(ConfigurableApplicationContext context, String connectorId) {
        return counts(context.getBean(IngestTelemetry.class), connectorId);
    }

    private static TelemetryCounts counts(IngestTelemetry telemetry, String connectorId) {
        return telemetry.meters(connectorId).snapshot(Instant.now(), System.nanoTime());
    }

    private List<String> lines(String connectorId, String file) throws IOException {
        return SinkFiles.completeLines(dataDir.resolve(connectorId).resolve(file));
    }

    private String dribble(String path, int from, int count, int millis) {
        List<String> records = IntStream.range(from, from + count)
                .mapToObj(i -> Invoices.clean(Invoices.invoiceId(i))).toList();
        farm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/x-ndjson")
                .withBody(Invoices.ndjson(records)).withChunkedDribbleDelay(count, millis)));
        return farm.baseUrl() + path;
    }

    @Test
    void aStoppedDclHasWrittenEveryRecordItReadAndARestartedOneResumesTheConnector() throws IOException {
        String url = dribble("/resume", 1, 100, 10_000);
        ConfigurableApplicationContext first = start();
        first.getBean(ConnectorRegistry.class).provision(new ProvisioningPackage("resume",
                ProvisioningPackage.MULESOFT_STREAM, url, ConnectorPolicy.repairing()));
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(first, "resume").delivered() >= 5);
        IngestTelemetry firstTelemetry = first.getBean(IngestTelemetry.class);
        first.close();

        TelemetryCounts atStop = counts(firstTelemetry, "resume");
        assertThat(atStop.inFlight()).isZero();
        List<String> written = lines("resume", "records.ndjson");
        assertThat(written).hasSize((int) atStop.delivered());
        assertEveryLineIsAWholeEnvelopeOfVersionOne(written);

        ConfigurableApplicationContext second = start();
        IngestTelemetry secondTelemetry = second.getBean(IngestTelemetry.class);
        try {
            assertThat(second.getBean(ConnectorRegistry.class).find("resume").orElseThrow().version()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> counts(second, "resume").delivered() >= 3);
            assertThat(second.getBean(ConnectorRuntime.class).status("resume").orElseThrow().runningVersion())
                    .isEqualTo(1);
            // the sink flushes on a timer: the second run's records reach the file shortly after they are counted
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(lines("resume", "records.ndjson").size()).isGreaterThan((int) atStop.delivered()));
        } finally {
            second.close();
        }
        TelemetryCounts secondAtStop = counts(secondTelemetry, "resume");
        List<String> appended = lines("resume", "records.ndjson");
        assertThat(appended).hasSize((int) (atStop.delivered() + secondAtStop.delivered()));
        assertThat(appended.subList(0, written.size())).isEqualTo(written); // appended, nothing rewritten
        assertEveryLineIsAWholeEnvelopeOfVersionOne(appended);
    }

    /** A stop never leaves a torn line: each one parses on its own as an envelope of the resumed connector. */
    private static void assertEveryLineIsAWholeEnvelopeOfVersionOne(List<String> lines) {
        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(lines).allSatisfy(line -> {
            JsonNode envelope = mapper.readTree(line);
            assertThat(envelope.at("/meta/connector_id").asString()).isEqualTo("resume");
            assertThat(envelope.at("/meta/config_version").asLong()).isEqualTo(1);
            assertThat(envelope.at("/payload/invoice_id").asString()).startsWith("INV-");
        });
    }

    @Test
    void aRepairStillPendingAfterTheShutdownGraceIsDeadLetteredAndTheRecordsBehindItDelivered() throws IOException {
        List<String> body = new ArrayList<>();
        body.add(Invoices.clean("INV-000001"));
        body.add(Invoices.withoutVendor(ScriptedRepairerConfiguration.HANGING_INVOICE));
        body.add(Invoices.clean("INV-000002"));
        body.add(Invoices.clean("INV-000003"));
        farm.stubFor(get(urlPathEqualTo("/hang")).willReturn(aResponse().withHeader("Content-Type",
                "application/x-ndjson").withBody(Invoices.ndjson(body))));
        ConfigurableApplicationContext context = start("dcl.ingest.shutdown-grace=500ms");
        context.getBean(ConnectorRegistry.class).provision(new ProvisioningPackage("hang",
                ProvisioningPackage.MULESOFT_STREAM, farm.baseUrl() + "/hang", ConnectorPolicy.repairing()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TelemetryCounts c = counts(context, "hang");
            assertThat(c.linesRead()).isEqualTo(4);
            assertThat(c.delivered()).isEqualTo(1);
            assertThat(c.inFlight()).isEqualTo(3); // held behind the hanging repair, in stream order
        });

        IngestTelemetry telemetry = context.getBean(IngestTelemetry.class);
        context.close();

        TelemetryCounts c = counts(telemetry, "hang");
        assertThat(c.inFlight()).isZero();
        assertThat(c.delivered()).isEqualTo(3);
        assertThat(c.deadLettered()).isEqualTo(1);
        assertThat(lines("hang", "records.ndjson")).hasSize(3);
        List<String> dead = lines("hang", "dead-letters.ndjson");
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d).contains("\"reason\":\"repair_unavailable\"");
            assertThat(d).contains(ScriptedRepairerConfiguration.HANGING_INVOICE);
        });
        assertThat(new HashSet<>(lines("hang", "records.ndjson"))).hasSize(3);
    }
}
