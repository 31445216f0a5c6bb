package com.autonomos.handshake.farm.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}): one tag per feature. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI farmOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Farm simulator")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("""
                                A local stand-in for the public Farm API: the MuleSoft invoice stream (with chaos), \
                                the Salesforce record of truth and verification. Deterministic when seeded (seed, \
                                limit, chaos_rate)."""))
                .tags(List.of(
                        new Tag().name("stream").description("The NDJSON invoice stream, a sample, a seeded manifest"),
                        new Tag().name("invoice").description("The record of truth per invoice id"),
                        new Tag().name("verify").description("Compare an invoice with its record of truth")));
    }
}
