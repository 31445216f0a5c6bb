package com.autonomos.handshake.dcl.accounting;

import com.autonomos.handshake.farm.FarmSimulatorApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The farm simulator started in-process on a random port, without its application.yml (the name is changed so that
 * neither its nor DCL's configuration file is picked up: the simulator keeps its defaults in code).
 */
final class EmbeddedFarm implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private EmbeddedFarm(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static EmbeddedFarm start() {
        return new EmbeddedFarm(new SpringApplicationBuilder(FarmSimulatorApplication.class)
                .properties("server.port=0", "spring.config.name=farm-simulator-embedded",
                        "spring.main.banner-mode=off")
                .run());
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The seeded, finite MuleSoft stream URL at fast speed; {@code query} adds e.g. {@code &chaos=true}. */
    String streamUrl(String query) {
        return baseUrl + "/api/stream/synthetic/mulesoft?speed=fast" + query;
    }

    @Override
    public void close() {
        context.close();
    }
}
