package com.videoplatform.auth.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real HTTP client for the service under test: every call goes over the wire. */
public final class HttpApi {

    public record Reply(int status, HttpHeaders headers, String body) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonArray array() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> cookies() {
            return headers.allValues("Set-Cookie");
        }

        /** The problem+json code of an error reply. */
        public String code() {
            return json().getString("code");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public HttpApi(URI base) {
        this.base = base;
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Reply put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    public Reply delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** A request with a JSON body (when not null) and extra headers given as name, value pairs. */
    public Reply send(String method, String path, String json, String... headers) {
        return send(Duration.ofSeconds(30), method, path, json, headers);
    }

    /** The same, waiting for the answer as long as {@code timeout}. */
    public Reply send(Duration timeout, String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(request.build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
