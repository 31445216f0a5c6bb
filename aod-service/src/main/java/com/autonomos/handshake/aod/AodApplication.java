package com.autonomos.handshake.aod;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AodApplication {

    public static void main(String[] args) {
        SpringApplication.run(AodApplication.class, args);
    }
}
