package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;

/**
 * A request body kept as the JSON object it is, for an endpoint that hands it to a library which reads the JSON
 * itself (a WebAuthn response): checked to be one JSON object under {@code http.max-body-bytes} by
 * {@link JsonTextReader}, never bound to a record, so fields a browser adds later pass through.
 */
public final class JsonText {

    private final JsonObject object;

    JsonText(JsonObject object) {
        this.object = object;
    }

    /** The object as JSON text. */
    public String text() {
        return object.toString();
    }

    /** A top-level string field; empty when absent or null, 400 when it is not a string. */
    public Optional<String> string(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw ApiException.invalidField(field, "must be a string");
    }
}
