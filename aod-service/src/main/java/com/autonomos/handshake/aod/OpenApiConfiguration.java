package com.autonomos.handshake.aod;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI aodOpenApi() {
        return new OpenAPI().info(new Info()
                .title("AOD — Autonomous Discovery")
                .version("v1")
                .description("""
                        Finds middleware routes (MuleSoft first) by probing them, and hands a discovered route to DCL \
                        as a provisioning package. Errors are RFC 9457 problem details (application/problem+json)."""));
    }
}
