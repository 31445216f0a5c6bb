package com.autonomos.handshake.dcl.system;

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
    OpenAPI dclOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("DCL — Data Connectivity Layer")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("""
                                Receives provisioning packages from AOD and switches its live NDJSON connectors to \
                                the new route at run time; dead-letters malformed lines, detects schema drift, repairs \
                                records from the system of record, verifies them and reports telemetry. JSON is \
                                snake_case; errors are RFC 9457 problem details (application/problem+json)."""))
                .tags(List.of(
                        new Tag().name("provision").description("The handshake: provisioning packages from AOD"),
                        new Tag().name("connector").description("Connector lifecycle, as Kafka Connect users expect"),
                        new Tag().name("sink").description("Recent delivered envelopes and dead letters"),
                        new Tag().name("telemetry").description("Counts, rates and the live event stream")));
    }
}
