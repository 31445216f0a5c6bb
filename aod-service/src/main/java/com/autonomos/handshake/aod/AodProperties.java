package com.autonomos.handshake.aod;

import java.util.Arrays;
import java.util.List;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where AOD's neighbours live ({@code aod.*}). The Farm URL is configuration, not a constant: the scanners derive the
 * routes they probe from it.
 *
 * @param dclUrl            DCL base URL AOD calls ({@code DCL_URL}); several comma-separated URLs name the workers of
 *                          a DCL cluster, tried in turn when one does not answer
 * @param farmApiUrl        the Farm base URL as AOD sees it ({@code FARM_API_URL})
 * @param dclProvisionToken bearer token DCL requires for provisioning ({@code DCL_PROVISION_TOKEN}); blank = unset
 * @param dclPublicUrl      DCL base URL a browser can open ({@code DCL_PUBLIC_URL}); blank = same as {@code dclUrl}
 */
@ConfigurationProperties("aod")
@Validated
public record AodProperties(
        @DefaultValue("http://localhost:5000") @NotBlank @Pattern(regexp = HTTP_URLS) String dclUrl,
        @DefaultValue("http://localhost:8088") @NotBlank @Pattern(regexp = HTTP_URL) String farmApiUrl,
        @DefaultValue("") String dclProvisionToken,
        @DefaultValue("") @Pattern(regexp = "|" + HTTP_URL) String dclPublicUrl) {

    static final String HTTP_URL = "https?://\\S+";
    static final String HTTP_URLS = "\\s*https?://[^\\s,]+\\s*(,\\s*https?://[^\\s,]+\\s*)*";

    public boolean hasProvisionToken() {
        return dclProvisionToken != null && !dclProvisionToken.isBlank();
    }

    /** Every DCL worker AOD may hand off to, in the configured order. */
    public List<String> dclUrls() {
        return Arrays.stream(dclUrl.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    /** The DCL dashboard a person should open: the public URL when one is configured, else the first one AOD calls. */
    public String dclDashboardUrl() {
        return dclPublicUrl == null || dclPublicUrl.isBlank() ? dclUrls().get(0) : dclPublicUrl;
    }

    // The token must never reach a log line through the default record toString.
    @Override
    public String toString() {
        return "AodProperties[dclUrl=" + dclUrl + ", farmApiUrl=" + farmApiUrl + ", dclProvisionToken="
                + (hasProvisionToken() ? "****" : "<unset>") + ", dclPublicUrl=" + dclPublicUrl + "]";
    }
}
