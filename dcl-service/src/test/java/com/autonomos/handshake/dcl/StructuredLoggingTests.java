package com.autonomos.handshake.dcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Logs are plain by default; {@code logging.structured.format.console=ecs} (env LOGGING_STRUCTURED_FORMAT_CONSOLE) makes them JSON. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    @TempDir
    Path dataDir;

    @Test
    void withTheEcsFormatEveryConsoleLineIsAJsonObjectWithMessageAndLevel(CapturedOutput output) {
        // Boot's logging setup is JVM-wide (it publishes the format as system properties): isolate it from the other
        // tests of this JVM, before (so this application initialises logging afresh) and after (so theirs stays plain).
        Properties systemProperties = (Properties) System.getProperties().clone();
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.cleanUp();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DclApplication.class)
                .main(DclApplication.class)
                .run("--server.port=0", "--dcl.data-dir=" + dataDir, "--logging.structured.format.console=ecs")) {
            assertThat(app.isRunning()).isTrue();
        } finally {
            System.setProperties(systemProperties);
            logging.cleanUp();
        }

        JsonMapper mapper = JsonMapper.builder().build();
        List<JsonNode> started = output.getOut().lines()
                .filter(line -> line.contains("Started DclApplication"))
                .map(mapper::readTree)
                .toList();
        assertThat(started).singleElement().satisfies(line -> {
            assertThat(line.get("message").asString()).startsWith("Started DclApplication in ");
            assertThat(line.at("/log/level").asString()).isEqualTo("INFO");
            assertThat(line.at("/service/name").asString()).isEqualTo("dcl-service");
        });
    }
}
