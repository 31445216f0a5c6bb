package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.dcl.connector.ConnectorConfig;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Opens a connector's NDJSON stream: the sidecar's side of the path (connect, egress check, the answer's status), so
 * that the pipeline only frames, classifies, repairs and settles the bytes it is handed.
 *
 * <p>Reactor Netty's client is used directly, as for the Farm's calls ({@code dcl.repair.FarmHttp}): the body is bytes
 * for the framer, so {@code WebClient}'s codecs and exchange layers had nothing to do, and DCL has one HTTP client
 * style instead of two. Each network chunk reaches the pipeline as a {@link DataBuffer} that the pipeline releases.
 */
@Component
class StreamReader {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private final HttpClient http;
    private final EgressPolicy egress;

    StreamReader(EgressPolicy egress, IngestProperties properties) {
        this.egress = egress;
        this.http = egress.httpClient()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .headers(headers -> headers.set(HttpHeaderNames.ACCEPT, MediaType.APPLICATION_NDJSON_VALUE));
    }

    /**
     * One connection to the config's target, opened on subscription; the body as it arrives. A redirect fails with
     * {@link RedirectRefusedException}, any other status of 400 or more with {@link StreamStatusException}; neither
     * body is read.
     */
    Flux<DataBuffer> open(ConnectorConfig config) {
        return Flux.defer(() -> {
            URI uri = egress.check(config.targetUrl());
            return http.get().uri(uri).response((response, body) -> {
                int status = response.status().code();
                if (status >= 300 && status < 400) {
                    return Flux.error(new RedirectRefusedException(status, location(response, uri)));
                }
                if (status >= 400) {
                    return Flux.error(new StreamStatusException(status, uri));
                }
                // retained: the pipeline frames a chunk after this callback returned, and releases it then
                return body.retain().<DataBuffer>map(BUFFERS::wrap);
            });
        }).subscribeOn(Schedulers.boundedElastic(), false); // the egress check may resolve names: never on the caller's (locked) thread
    }

    private static URI location(HttpClientResponse response, URI base) {
        String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
        if (location == null) {
            return null;
        }
        try {
            return base.resolve(location);
        } catch (IllegalArgumentException e) {
            return null; // not a URI: the message says "(no Location)", as for a redirect without one
        }
    }
}
