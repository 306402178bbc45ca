package io.accounts.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both providers the keys can sign and verify with, the native one (ACCP) and the JDK's: each signs what the other
 * verifies, for every algorithm, and each refuses what RFC 8725 says to refuse (a changed payload or signature,
 * another key's signature, {@code alg: none}, HS256 keyed with the public key). The native provider must load on
 * this platform (Linux x86-64, where the build runs), and is never installed JVM-wide.
 */
class CryptoProviderTest {

    private static final Optional<Provider> NATIVE = CryptoProvider.loadNative();
    private static final Optional<Provider> JDK = Optional.empty();

    @Test
    void theNativeProviderLoadsHereAndStaysOutOfTheJvmWideList() {
        assertTrue(NATIVE.isPresent(), "ACCP loads on Linux x86-64");
        assertEquals("AmazonCorrettoCryptoProvider", NATIVE.get().getName());
        assertTrue(Arrays.stream(Security.getProviders()).noneMatch(p -> p.getName().equals(NATIVE.get().getName())),
                "not installed JVM-wide");
        assertEquals(NATIVE, CryptoProvider.select("auto"));
        assertEquals(NATIVE, CryptoProvider.select("native"));
        assertEquals(JDK, CryptoProvider.select("jdk"));
        assertThrows(IllegalArgumentException.class, () -> CryptoProvider.select("bouncy"));
    }

    @Test
    void eachProviderVerifiesWhatTheOtherSigned() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256)) {
            List<SigningKey[]> pairs = keys(algorithm);
            for (SigningKey[] pair : pairs) {
                assertEquals(NATIVE.get(), pair[0].verifier().getJCAContext().getProvider(), "the native verifier");
                assertEquals(NATIVE.get(), pair[0].signer().orElseThrow().getJCAContext().getProvider());
                assertEquals(null, pair[1].verifier().getJCAContext().getProvider(), "the JDK's");
                for (SigningKey signer : pair) {
                    String token = sign(signer, "ada");
                    for (SigningKey verifier : pair) {
                        assertTrue(SignedJWT.parse(token).verify(verifier.verifier()), algorithm + " across providers");
                    }
                }
            }
        }
    }

    @Test
    void eachProviderRefusesWhatRfc8725Refuses() throws Exception {
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256)) {
            SigningKey[] one = keys(algorithm).get(0);
            SigningKey[] other = keys(algorithm).get(1);
            for (SigningKey key : one) {
                String token = sign(key, "ada");
                String[] parts = token.split("\\.");
                String otherPayload = Base64URL.encode("{\"sub\":\"admin\"}").toString();
                assertFalse(verifies(parts[0] + "." + otherPayload + "." + parts[2], key), "a changed payload");
                byte[] signature = Base64URL.from(parts[2]).decode();
                signature[signature.length / 2] ^= 1;
                assertFalse(verifies(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature), key),
                        "a changed signature");
                for (SigningKey stranger : other) {
                    assertFalse(verifies(sign(stranger, "ada"), key), "another key's signature");
                }
                String none = new PlainJWT(new JWTClaimsSet.Builder().subject("ada").build()).serialize();
                assertThrows(java.text.ParseException.class, () -> SignedJWT.parse(none), "alg none is no JWS");
                if (key.publicJwk().isPresent()) {
                    SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                            new JWTClaimsSet.Builder().subject("admin").build());
                    confused.sign(new MACSigner(key.publicJwk().get().toJSONString().getBytes(StandardCharsets.UTF_8)));
                    assertThrows(Exception.class, () -> SignedJWT.parse(confused.serialize()).verify(key.verifier()),
                            "HS256 keyed with the public key");
                }
            }
        }
    }

    /** Two independent keys of the algorithm, each as a pair: {native, JDK} on the same key material. */
    private static List<SigningKey[]> keys(JWSAlgorithm algorithm) {
        List<SigningKey[]> keys = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (JWSAlgorithm.HS256.equals(algorithm)) {
                byte[] secret = ("a secret of at least thirty-two bytes, number " + i).getBytes(StandardCharsets.UTF_8);
                keys.add(new SigningKey[]{KeyFactory.hmac(secret, NATIVE), KeyFactory.hmac(secret, JDK)});
            } else {
                String jwk = KeyFactory.generate(algorithm);
                String kid = KeyFactory.kidOf(jwk);
                keys.add(new SigningKey[]{KeyFactory.fromPrivateJwk(kid, jwk, null, NATIVE),
                        KeyFactory.fromPrivateJwk(kid, jwk, null, JDK)});
            }
        }
        return keys;
    }

    private static String sign(SigningKey key, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.kid())
                .build(), new JWTClaimsSet.Builder().subject(subject).build());
        jwt.sign(key.signer().orElseThrow());
        return jwt.serialize();
    }

    private static boolean verifies(String token, SigningKey key) {
        try {
            return SignedJWT.parse(token).verify(key.verifier());
        } catch (Exception e) {
            return false;
        }
    }
}
