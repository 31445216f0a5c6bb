package com.autonomos.handshake.dcl.accounting;

import com.autonomos.handshake.farm.FarmSimulatorApplication;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The farm simulator started in-process on a random port, without its application.yml (the name is changed so that
 * neither its nor DCL's configuration file is picked up: the simulator keeps its defaults in code). A JUnit extension
 * on a static field ({@code @RegisterExtension static final EmbeddedFarm farm = new EmbeddedFarm();}): it starts
 * before the class's first test and stops after its last.
 */
final class EmbeddedFarm implements BeforeAllCallback, AfterAllCallback {

    private ConfigurableApplicationContext context;
    private String baseUrl;

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = new SpringApplicationBuilder(FarmSimulatorApplication.class)
                .properties("server.port=0", "spring.config.name=farm-simulator-embedded",
                        "spring.main.banner-mode=off")
                .run();
        baseUrl = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The seeded, finite MuleSoft stream URL at fast speed; {@code query} adds e.g. {@code &chaos=true}. */
    String streamUrl(String query) {
        return baseUrl + "/api/stream/synthetic/mulesoft?speed=fast" + query;
    }
}
