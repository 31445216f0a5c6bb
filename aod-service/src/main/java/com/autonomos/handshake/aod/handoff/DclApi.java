package com.autonomos.handshake.aod.handoff;

import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.publisher.Mono;

/**
 * DCL's provisioning endpoint, declared. One proxy per DCL worker, built by {@link DclClient} on a client whose every
 * status is an answer (status and body as DCL wrote them), so that the resilience4j {@code dcl} operators and
 * {@link DclClient} decide what a status means, not the HTTP client.
 */
interface DclApi {

    @PostExchange(url = DclClient.PROVISION_PATH, contentType = MediaType.APPLICATION_JSON_VALUE,
            accept = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<String>> provision(@RequestBody ProvisioningPackage targetingPackage,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);
}
