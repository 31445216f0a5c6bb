package com.autonomos.handshake.aod;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where AOD's neighbours live ({@code aod.*}). The Farm URL is configuration, not a constant: the scanners derive the
 * routes they probe from it.
 *
 * @param dclUrl            DCL base URL AOD calls ({@code DCL_URL})
 * @param farmApiUrl        the Farm base URL as AOD sees it ({@code FARM_API_URL})
 * @param dclProvisionToken bearer token DCL requires for provisioning ({@code DCL_PROVISION_TOKEN}); blank = unset
 * @param dclPublicUrl      DCL base URL a browser can open ({@code DCL_PUBLIC_URL}); blank = same as {@code dclUrl}
 */
@ConfigurationProperties("aod")
@Validated
public record AodProperties(
        @DefaultValue("http://localhost:5000") @NotBlank @Pattern(regexp = HTTP_URL) String dclUrl,
        @DefaultValue("http://localhost:8088") @NotBlank @Pattern(regexp = HTTP_URL) String farmApiUrl,
        @DefaultValue("") String dclProvisionToken,
        @DefaultValue("") @Pattern(regexp = "|" + HTTP_URL) String dclPublicUrl) {

    static final String HTTP_URL = "https?://\\S+";

    public boolean hasProvisionToken() {
        return dclProvisionToken != null && !dclProvisionToken.isBlank();
    }

    /** The DCL dashboard a person should open: the public URL when one is configured, else the one AOD calls. */
    public String dclDashboardUrl() {
        return dclPublicUrl == null || dclPublicUrl.isBlank() ? dclUrl : dclPublicUrl;
    }

    // The token must never reach a log line through the default record toString.
    @Override
    public String toString() {
        return "AodProperties[dclUrl=" + dclUrl + ", farmApiUrl=" + farmApiUrl + ", dclProvisionToken="
                + (hasProvisionToken() ? "****" : "<unset>") + ", dclPublicUrl=" + dclPublicUrl + "]";
    }
}
