package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import io.netty.channel.ChannelOption;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Opens a connector's NDJSON stream: the sidecar's side of the path (connect, egress check), so that the pipeline
 * only frames, classifies, repairs and settles the bytes it is handed.
 */
@Component
class StreamReader {

    private final WebClient webClient;
    private final EgressPolicy egress;

    StreamReader(WebClient.Builder builder, EgressPolicy egress, IngestProperties properties) {
        this.egress = egress;
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(egress.httpClient()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())))
                .build();
    }

    /** One connection to the config's target, opened on subscription; the body as it arrives. */
    Flux<DataBuffer> open(ConnectorConfig config) {
        return Flux.defer(() -> {
            URI uri = egress.check(config.targetUrl());
            return webClient.get().uri(uri)
                    .accept(MediaType.APPLICATION_NDJSON)
                    .retrieve()
                    .onStatus(HttpStatusCode::is3xxRedirection, response -> Mono.error(new RedirectRefusedException(
                            response.statusCode().value(), response.headers().asHttpHeaders().getLocation())))
                    .bodyToFlux(DataBuffer.class);
        }).subscribeOn(Schedulers.boundedElastic(), false); // the egress check may resolve names: never on the caller's (locked) thread
    }
}
