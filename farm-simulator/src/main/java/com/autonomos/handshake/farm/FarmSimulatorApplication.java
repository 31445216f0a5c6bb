package com.autonomos.handshake.farm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FarmSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FarmSimulatorApplication.class, args);
    }
}
