package com.autonomos.handshake.aod.triage;

import com.autonomos.handshake.aod.AodProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the Triage page (static {@code index.html}) needs to know about its surroundings. */
@RestController
@Tag(name = "triage", description = "Settings of the Triage page")
class UiConfigController {

    private final AodProperties aod;

    UiConfigController(AodProperties aod) {
        this.aod = aod;
    }

    @GetMapping("/api/config/ui")
    @Operation(summary = "Links the Triage page shows",
            description = "dcl_dashboard_url = aod.dcl-public-url (DCL_PUBLIC_URL), else aod.dcl-url.")
    UiConfig uiConfig() {
        return new UiConfig(aod.dclDashboardUrl());
    }

    record UiConfig(@JsonProperty("dcl_dashboard_url") String dclDashboardUrl) {
    }
}
