package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
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
        ring.cryptoProvider = "auto";
        ring.init();
        return ring;
    }

    /**
     * A ring of one new key of the algorithm that never reads a database, signing and verifying with the provider of
     * a {@code jwt.crypto-provider} setting: for benchmarks.
     */
    public static KeyRing fixed(JWSAlgorithm algorithm, JwtConfig config, String cryptoProvider) {
        Optional<Provider> provider = CryptoProvider.select(cryptoProvider);
        String jwk = JWSAlgorithm.HS256.equals(algorithm) ? null : KeyFactory.generate(algorithm);
        SigningKey key = JWSAlgorithm.HS256.equals(algorithm)
                ? KeyFactory.hmac("a benchmark secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
                        provider)
                : KeyFactory.fromPrivateJwk(KeyFactory.kidOf(jwk), jwk, null, provider);
        KeyRing ring = new KeyRing() {
            @Override
            public SigningKey active() {
                return key;
            }

            @Override
            public Optional<SigningKey> find(String kid) {
                return key.kid().equals(kid) ? Optional.of(key) : Optional.empty();
            }
        };
        ring.config = config;
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
