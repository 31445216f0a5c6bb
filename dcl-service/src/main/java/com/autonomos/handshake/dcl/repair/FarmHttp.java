package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.dcl.egress.EgressPolicy;
import io.netty.channel.ChannelOption;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one {@link WebClient} for DCL's calls to the Farm's source-of-truth and verify endpoints: built on the egress
 * policy's client (allow-list re-checked at connect time, no redirects), with a connect and read bound and a cap on
 * how much of an answer is buffered. A holder rather than a {@code WebClient} bean, so that other features' clients
 * are never ambiguous.
 */
@Component
class FarmHttp {

    private final WebClient webClient;

    FarmHttp(EgressPolicy egress, WebClient.Builder builder, RepairProperties properties) {
        var http = egress.httpClient()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize(Math.toIntExact(properties.maxResponseSize().toBytes())))
                .build();
    }

    WebClient webClient() {
        return webClient;
    }
}
