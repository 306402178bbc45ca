package io.accounts.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client of the API, as any client would be: JSON in, status, headers and JSON out. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public static Api local() {
        return new Api(URI.create("http://localhost:" + Integer.getInteger("it.http.port") + "/"));
    }

    public URI base() {
        return base;
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply post(String path, String token, String json) {
        return send("POST", path, token, json);
    }

    public Reply put(String path, String token, String json) {
        return send("PUT", path, token, json);
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** {@code token} goes into {@code Authorization} as it is (so tests can send a bare or odd value). */
    public Reply send(String method, String path, String authorization, String json) {
        if (json != null) {
            Secrets.body(parse(json));
        }
        return send(method, path, authorization, json, "application/json");
    }

    /** A form-encoded POST, as OAuth clients send to a token endpoint; the form's values are kept as secrets. */
    public Reply form(String path, String authorization, String form) {
        Secrets.form(form);
        return send("POST", path, authorization, form, "application/x-www-form-urlencoded");
    }

    private Reply send(String method, String path, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
            Secrets.authorization(authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonStructure answer = parse(response.body());
            Secrets.body(answer);
            return new Reply(response.statusCode(), response, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonStructure parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("unparsed", body).build();
        }
    }

    /** One answer. */
    public record Reply(int status, HttpResponse<String> response, JsonStructure body) {

        public JsonObject json() {
            return body.asJsonObject();
        }

        public JsonObject data() {
            return json().getJsonObject("data");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public boolean isNull(String field) {
            return json().get(field) == JsonValue.NULL;
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }
}
