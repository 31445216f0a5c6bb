package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.dcl.egress.EgressPolicy;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The one {@link WebClient} for DCL's calls to the Farm's source-of-truth and verify endpoints: built on the egress
 * policy's client (allow-list re-checked at connect time, no redirects), with a connect and read bound and a cap on
 * how much of an answer is buffered. A holder rather than a {@code WebClient} bean, so that other features' clients
 * are never ambiguous.
 *
 * <p>Its own connection pool, sized for {@code dcl.repair.max-connections} kept-alive connections per Farm host: a
 * remote Farm answers in tens of milliseconds, so hundreds of repairs are in flight at once, and a pool smaller than
 * that would make them queue for a connection instead of overlapping their latency.
 */
@Component
class FarmHttp implements DisposableBean {

    private final ConnectionProvider pool;
    private final WebClient webClient;

    FarmHttp(EgressPolicy egress, WebClient.Builder builder, RepairProperties properties) {
        this.pool = ConnectionProvider.builder("farm")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(-1) // waiters are bounded by the repair lanes, not here
                .pendingAcquireTimeout(properties.responseTimeout())
                .maxIdleTime(properties.idleConnectionTimeout())
                .build();
        var http = egress.httpClient(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        this.webClient = builder.clone()
                // Each call is timed by the resilience4j instance guarding it (sourceOfTruth, farmVerify metrics);
                // an http.client.requests observation on top cost 8-10% of the Netty threads' CPU per repair and
                // tags these calls uri="none" anyway.
                .observationRegistry(ObservationRegistry.NOOP)
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize(Math.toIntExact(properties.maxResponseSize().toBytes())))
                .build();
    }

    WebClient webClient() {
        return webClient;
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
