package io.accounts.platform.web;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.InputStream;
import java.util.Collection;

/**
 * JSON-P on the per-request paths (the access log, security events, problems, request bodies), from one provider
 * looked up once: {@code Json.createObjectBuilder()} and its siblings look the provider up again on every call, a
 * service-loader scan of the class path that took a large share of a request's CPU (docs/PERFORMANCE.md).
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonParser parser(InputStream in) {
        return PROVIDER.createParser(in);
    }
}
