package io.accounts.platform.web;

import jakarta.json.bind.annotation.JsonbNillable;

/** The tutorial's success envelope, {@code {"message", "data"}}; a null message is sent as null. */
@JsonbNillable
public record Envelope<T>(String message, T data) {

    public static <T> Envelope<T> of(String message, T data) {
        return new Envelope<>(message, data);
    }
}
