package com.autonomos.handshake.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.StreamSpec;
import com.autonomos.handshake.farm.stream.Truth;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Another module's test starts the simulator in-process, without its application.yml: it must behave the same. */
class FarmSimulatorEmbeddedTests {

    @Test
    void startedInProcessWithoutItsConfigurationTheSimulatorStreamsAndPacesAsDocumented() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FarmSimulatorApplication.class)
                .properties("server.port=0", "spring.config.name=farm-simulator-embedded").run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + port + "/api/stream/synthetic/mulesoft";

            HttpResponse<byte[]> fast = http.send(HttpRequest.newBuilder(URI.create(base
                    + "?truth=stream&speed=fast&seed=77&limit=500&chaos=true&spike_seconds=0")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fast.statusCode()).isEqualTo(200);
            assertThat(fast.body()).isEqualTo(new FarmStream(StreamSpec.of(77).withTruth(Truth.STREAM).withChaos(0.1).withSpikeSeconds(0)
                    .withLimit(500)).toBytes());

            // Endless at normal speed: lines keep coming, paced (about 10/s) by the in-code defaults.
            long started = System.nanoTime();
            try (InputStream body = http.send(HttpRequest.newBuilder(URI.create(base + "?seed=78")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body()) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                for (int i = 0; i < 6; i++) {
                    assertThat(reader.readLine()).startsWith("{\"record_type\":\"invoice\"");
                }
            }
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(450);
        }
    }
}
