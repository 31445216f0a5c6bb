package com.autonomos.handshake.aod.scan;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.autonomos.handshake.aod.AodProperties;
import com.autonomos.handshake.contracts.discovery.MiddlewareDetection;
import com.autonomos.handshake.contracts.discovery.ProbeResult;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The MuleSoft invoice route of the Farm: {@code <farm>/api/stream/synthetic/mulesoft}. Instead of trusting a canned
 * answer it fetches one record from {@code <route>/sample} and grades what came back: an invoice-shaped JSON object is
 * a detection (0.98), anything else that answers is a weak one (0.4), a route that does not answer is reported dead (0).
 */
@Component
class MuleSoftScanner implements MiddlewareScanner {

    static final String PLATFORM = "mulesoft";
    static final String RELATED_ASSET = "salesforce_crm";
    static final String ROUTE_PATH = "/api/stream/synthetic/mulesoft";
    static final double INVOICE_CONFIDENCE = 0.98;
    static final double NOT_INVOICE_CONFIDENCE = 0.4;

    /** Besides {@code invoice_id}, an invoice record carries at least two of these. */
    private static final List<String> INVOICE_FIELDS =
            List.of("vendor", "total_amount", "invoice_date", "line_items", "billing_address", "currency");

    private final String detectedUrl;
    private final String sampleUrl;
    private final ScanProperties properties;
    private final WebClient client;
    private final ObjectMapper json;

    MuleSoftScanner(AodProperties aod, ScanProperties properties, WebClient.Builder builder, ObjectMapper json) {
        this.detectedUrl = UriComponentsBuilder.fromUriString(aod.farmApiUrl()).path(ROUTE_PATH).build().toUriString();
        this.sampleUrl = UriComponentsBuilder.fromUriString(detectedUrl).path("/sample").build().toUriString();
        this.properties = properties;
        this.json = json;
        this.client = builder.clone()
                .clientConnector(ClientHttpConnectorBuilder.detect().build(HttpClientSettings.defaults()
                        .withTimeouts(properties.connectTimeout(), properties.probeTimeout())))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxSampleSize().toBytes()))
                .build();
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public MiddlewareDetection scan() {
        long started = System.nanoTime();
        Sample sample = client.get().uri(sampleUrl)
                .accept(MediaType.APPLICATION_JSON, MediaType.ALL)
                .exchangeToMono(this::read)
                .timeout(properties.probeTimeout())
                .onErrorResume(error -> Mono.just(Sample.failed(describe(error))))
                .block();
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        ProbeResult probe = grade(sample, latencyMs);
        double confidence = !probe.reachable() ? 0.0 : probe.looksLikeInvoices() ? INVOICE_CONFIDENCE
                : NOT_INVOICE_CONFIDENCE;
        return new MiddlewareDetection(PLATFORM, detectedUrl, RELATED_ASSET, confidence, probe);
    }

    private Mono<Sample> read(ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new Sample(status, body, null))
                .onErrorResume(DataBufferLimitException.class, tooBig -> Mono.just(new Sample(status, null,
                        "sample is larger than " + properties.maxSampleSize().toKilobytes() + " KB")));
    }

    private ProbeResult grade(Sample sample, long latencyMs) {
        if (sample.status() == 0) {
            return new ProbeResult(false, 0, latencyMs, false, sample.problem());
        }
        if (sample.status() < 200 || sample.status() > 299) {
            // The route exists on the network but does not serve records: not a route DCL can ingest.
            return new ProbeResult(false, sample.status(), latencyMs, false,
                    "GET " + sampleUrl + " answered HTTP " + sample.status());
        }
        if (sample.problem() != null) {
            return new ProbeResult(true, sample.status(), latencyMs, false, sample.problem());
        }
        String verdict = invoiceVerdict(sample.body());
        boolean invoice = verdict.startsWith("invoice");
        return new ProbeResult(true, sample.status(), latencyMs, invoice, verdict);
    }

    /** A short account of what the sample is; starts with "invoice" exactly when it looks like an invoice record. */
    private String invoiceVerdict(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            return "sample is not JSON (" + e.getOriginalMessage() + ")";
        }
        if (node == null || !node.isObject()) {
            return "sample is JSON but not an object (" + (node == null ? "empty" : node.getNodeType()) + ")";
        }
        JsonNode invoiceId = node.get("invoice_id");
        List<String> present = INVOICE_FIELDS.stream().filter(node::hasNonNull).toList();
        if (invoiceId == null || !invoiceId.isString() || present.size() < 2) {
            return "sample is a JSON object without invoice fields (invoice_id "
                    + (invoiceId == null ? "missing" : "present") + ", invoice fields " + present + ")";
        }
        return "invoice record " + invoiceId.asString() + " (fields " + present + ")";
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "GET " + sampleUrl + " gave no answer within " + properties.probeTimeout().toMillis() + " ms";
        }
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        String kind = cause instanceof ConnectException ? "could not connect" : "failed";
        return "GET " + sampleUrl + " " + kind + ": " + cause.getMessage();
    }

    /** What the probe got: status 0 and a problem when nothing answered. */
    private record Sample(int status, String body, String problem) {

        static Sample failed(String problem) {
            return new Sample(0, null, problem);
        }
    }
}
