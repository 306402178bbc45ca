package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;

import java.time.Instant;
import java.util.Optional;

/**
 * One key of the ring: its id (the {@code kid} of every token it signs), its algorithm, a signer, a verifier,
 * the public JWK to publish (none for a shared HS256 secret) and the instant it stops verifying (null: never).
 */
public record SigningKey(String kid, JWSAlgorithm algorithm, Optional<JWSSigner> signer, JWSVerifier verifier,
                         Optional<JWK> publicJwk, Instant notAfter) {

    public boolean verifiesAt(Instant now) {
        return notAfter == null || now.isBefore(notAfter);
    }
}
