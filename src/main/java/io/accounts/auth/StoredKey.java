package io.accounts.auth;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * A signing key as kept in the {@code signing_keys} collection. {@code active} keys sign (the newest wins);
 * {@code retiring} keys only verify, until {@code retireAt}, when every token they signed has expired;
 * {@code retired} keys are gone from the JWKS and verify nothing.
 */
public record StoredKey(String kid, String algorithm, String privateJwk, String state, Instant createdAt,
                        Instant activatedAt, Instant retireAt) {

    static final String ACTIVE = "active";
    static final String RETIRING = "retiring";
    static final String RETIRED = "retired";

    Document toDocument() {
        return new Document("_id", kid).append("alg", algorithm).append("private_jwk", privateJwk)
                .append("state", state).append("created_at", Date.from(createdAt))
                .append("activated_at", Date.from(activatedAt))
                .append("retire_at", retireAt == null ? null : Date.from(retireAt));
    }

    static StoredKey from(Document document) {
        Date retire = document.getDate("retire_at");
        return new StoredKey(document.getString("_id"), document.getString("alg"), document.getString("private_jwk"),
                document.getString("state"), document.getDate("created_at").toInstant(),
                document.getDate("activated_at").toInstant(), retire == null ? null : retire.toInstant());
    }
}
