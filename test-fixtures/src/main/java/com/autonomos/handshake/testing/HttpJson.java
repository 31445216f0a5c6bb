package com.autonomos.handshake.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP for tests, what curl or a browser would send: the JDK client, no Spring. Paths are resolved against a
 * base URL ({@link #at(String)}, {@link #onPort(int)}); {@link #absolute()} takes whole URLs.
 */
public final class HttpJson {

    /** The mapper the answers are read with. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String base;

    private HttpJson(String base) {
        this.base = base;
    }

    public static HttpJson at(String baseUrl) {
        return new HttpJson(baseUrl);
    }

    public static HttpJson onPort(int port) {
        return at("http://localhost:" + port);
    }

    /** A client whose paths are whole URLs. */
    public static HttpJson absolute() {
        return at("");
    }

    public String baseUrl() {
        return base;
    }

    public Answer get(String path) {
        return get(path, Map.of());
    }

    public Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** GET that must answer 200; its JSON body. */
    public JsonNode getJson(String path) {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + base + path + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    /** POST with no body and no content type, as {@code curl -X POST} sends it. */
    public Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    public Answer post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** POST of a JSON body ({@code Content-Type: application/json}) with extra headers. */
    public Answer postJson(String path, String json, Map<String, String> headers) {
        return post(path, "application/json", json, headers);
    }

    /** Any method; a {@code null} json sends no body and no content type. */
    public Answer send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An answer: its status, its {@code Content-Type} ("" when absent) and its body as text. */
    public record Answer(int status, String contentType, String text) {

        /** The body as JSON; a JSON null for an empty body. */
        public JsonNode json() {
            return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        }
    }
}
