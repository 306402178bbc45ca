package io.accounts.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** Key rings and signers for unit tests of other packages, built as the container would, without it. */
public final class TestKeyRings {

    private TestKeyRings() {
    }

    /** A ring for an HS256 configuration: no database involved. */
    public static KeyRing hs256(JwtConfig config) {
        KeyRing ring = new KeyRing();
        ring.config = config;
        ring.random = new SecureRandom();
        ring.clock = Clock.systemUTC();
        ring.init();
        return ring;
    }

    /** Opens stored key material as the server would, with the key-encryption secret it runs with. */
    public static String open(String keyEncryptionKey, String kid, String stored) {
        return new KeyCipher(Optional.ofNullable(keyEncryptionKey)).open(kid, stored);
    }

    public static TokenSigner signer(KeyRing ring) {
        JwsTokenSigner signer = new JwsTokenSigner();
        signer.keys = ring;
        return signer;
    }
}
