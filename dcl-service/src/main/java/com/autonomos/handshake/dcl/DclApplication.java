package com.autonomos.handshake.dcl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DclApplication {

    public static void main(String[] args) {
        SpringApplication.run(DclApplication.class, args);
    }
}
