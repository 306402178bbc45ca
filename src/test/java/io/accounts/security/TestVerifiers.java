package io.accounts.security;

import io.accounts.keys.JwtConfig;
import io.accounts.keys.KeyRing;

import java.time.Clock;

/** Token verifiers for unit tests of other packages, with their collaborators set directly. */
public final class TestVerifiers {

    private TestVerifiers() {
    }

    public static JwsTokenVerifier of(KeyRing ring, JwtConfig config, Clock clock, Revocations revocations) {
        JwsTokenVerifier verifier = new JwsTokenVerifier();
        verifier.keys = ring;
        verifier.config = config;
        verifier.clock = clock;
        verifier.revocations = revocations;
        return verifier;
    }

    /** The whole verification, without the cache of verified tokens: a token this node has not seen. */
    public static JwtPrincipal verifyFully(JwsTokenVerifier verifier, String token) {
        return verifier.verifyFully(token);
    }
}
