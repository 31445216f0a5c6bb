package com.autonomos.handshake.aod.handoff;

import com.autonomos.handshake.contracts.discovery.HandoffRequest;
import com.autonomos.handshake.contracts.discovery.HandoffResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "handoff", description = "Hand a discovered route to DCL")
class HandoffController {

    private final HandoffService handoffs;

    HandoffController(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @PostMapping("/api/actions/provision-connector")
    @Operation(summary = "Scan a platform and provision DCL's connector to its route",
            description = """
                    Body optional (empty = {"platform":"mulesoft","chaos":true}). Probes the platform's route; if it \
                    answers with invoices, POSTs the targeting package {connector_id, source_type, target_url, policy} \
                    to DCL's /api/ingest/provision with the bearer token, through resilience4j 'dcl' (retry on \
                    connect errors, timeouts and 5xx; circuit breaker; time limit). 200 only when DCL answered 2xx.""")
    @ApiResponse(responseCode = "200", description = "DCL accepted: status \"Provisioning Command Sent\" plus DCL's answer")
    @ApiResponse(responseCode = "400", description = "Body is not valid JSON", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No scanner for the platform", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Body is not application/json", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Body violates the request contract", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "424", description = "The route did not answer with invoices; DCL was not called",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "502", description = "DCL refused (dcl_status, dcl_detail copied from DCL)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "DCL unreachable or circuit breaker open", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "504", description = "DCL did not answer in time", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    HandoffResult provisionConnector(@Valid @RequestBody(required = false) HandoffRequest request) {
        return handoffs.handOff(request);
    }
}
