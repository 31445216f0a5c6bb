package com.autonomos.handshake.dcl.system;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings, bound from the environment ({@code DCL_DATA_DIR}, {@code DCL_PROVISION_TOKEN},
 * {@code DCL_ALLOWED_SOURCES}) through application.yml.
 *
 * @param dataDir        where connector configs, records and dead letters live
 * @param provisionToken bearer token AOD must present; provisioning is refused (503) while it is blank
 * @param allowedSources {@code host} or {@code host:port} entries DCL may connect to
 */
@Validated
@ConfigurationProperties("dcl")
public record DclProperties(
        @NotNull @DefaultValue("./data/dcl") Path dataDir,
        String provisionToken,
        @NotNull @DefaultValue({"localhost:8088", "127.0.0.1:8088", "autonomos.farm"}) List<String> allowedSources) {

    public boolean provisioningEnabled() {
        return provisionToken != null && !provisionToken.isBlank();
    }
}
