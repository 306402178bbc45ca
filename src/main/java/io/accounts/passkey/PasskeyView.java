package io.accounts.passkey;

import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;

/** A passkey as its owner and admins see it: never key material; {@code last_used_at} null until its first use. */
@JsonbNillable
public record PasskeyView(String id, String name, Instant createdAt, Instant lastUsedAt) {

    static PasskeyView of(Passkey passkey) {
        return new PasskeyView(passkey.id(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt());
    }
}
