package io.accounts.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ES256 and RS256 keys: generated, sealed at rest bound to their kid, reopened, and signing what they verify. */
class KeyFactoryTest {

    private static void signsAndVerifies(JWSAlgorithm algorithm) throws Exception {
        String jwk = KeyFactory.generate(algorithm);
        String kid = KeyFactory.kidOf(jwk);
        KeyCipher cipher = new KeyCipher(Optional.of("a key-encryption key for the unit test"));
        String sealed = cipher.seal(kid, jwk);
        assertTrue(sealed.startsWith(KeyCipher.JWE_PREFIX));
        assertFalse(sealed.contains("\"d\""), "the private part is not readable at rest");
        SigningKey key = KeyFactory.fromPrivateJwk(kid, cipher.open(kid, sealed), null, Optional.empty());
        assertEquals(algorithm, key.algorithm());
        assertEquals(KeyFactory.kidOf(jwk), key.kid());
        assertFalse(key.publicJwk().orElseThrow().isPrivate());

        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.kid()).build(),
                new JWTClaimsSet.Builder().subject("s").build());
        jwt.sign(key.signer().orElseThrow());
        assertTrue(SignedJWT.parse(jwt.serialize()).verify(key.verifier()));

        SigningKey retiring = KeyFactory.fromPublicJwk(kid, cipher.open(kid, cipher.seal(kid, KeyFactory.publicOf(jwk))),
                null, Optional.empty());
        assertTrue(retiring.signer().isEmpty(), "a key kept by its public part only verifies");
        assertTrue(SignedJWT.parse(jwt.serialize()).verify(retiring.verifier()));
    }

    @Test
    void es256KeysWork() throws Exception {
        signsAndVerifies(JWSAlgorithm.ES256);
    }

    @Test
    void rs256KeysWork() throws Exception {
        signsAndVerifies(JWSAlgorithm.RS256);
    }

    @Test
    void aSealedKeyNeedsItsKeyEncryptionKey() {
        String jwk = KeyFactory.generate(JWSAlgorithm.ES256);
        String kid = KeyFactory.kidOf(jwk);
        String sealed = new KeyCipher(Optional.of("the right key-encryption key")).seal(kid, jwk);
        assertThrows(IllegalStateException.class, () -> new KeyCipher(Optional.of("a wrong key-encryption key")).open(kid, sealed));
        assertThrows(IllegalStateException.class, () -> new KeyCipher(Optional.empty()).open(kid, sealed));
        assertThrows(IllegalArgumentException.class, () -> new KeyCipher(Optional.of("short")));
        assertEquals(jwk, new KeyCipher(Optional.empty()).seal(kid, jwk), "without a key: stored as it is");
    }

    @Test
    void withAKeyEncryptionKeyPlaintextAndMaterialOfAnotherKidAreRefused() {
        KeyCipher cipher = new KeyCipher(Optional.of("the right key-encryption key"));
        String jwk = KeyFactory.generate(JWSAlgorithm.ES256);
        String kid = KeyFactory.kidOf(jwk);
        String other = KeyFactory.generate(JWSAlgorithm.ES256);
        String otherKid = KeyFactory.kidOf(other);
        IllegalStateException plain = assertThrows(IllegalStateException.class, () -> cipher.open(kid, jwk));
        assertTrue(plain.getMessage().contains("unencrypted"), plain.getMessage());
        IllegalStateException moved = assertThrows(IllegalStateException.class,
                () -> cipher.open(kid, cipher.seal(otherKid, other)));
        assertTrue(moved.getMessage().contains("sealed for key " + otherKid), moved.getMessage());
        IllegalStateException planted = assertThrows(IllegalStateException.class,
                () -> KeyFactory.fromPublicJwk(kid, KeyFactory.publicOf(other), null, Optional.empty()));
        assertTrue(planted.getMessage().contains("another key's"), planted.getMessage());
    }

    @Test
    void materialSealedTheEarlierWayIsStillReadAndReportedForResealing() throws Exception {
        String secret = "the right key-encryption key";
        String jwk = KeyFactory.generate(JWSAlgorithm.ES256);
        String kid = KeyFactory.kidOf(jwk);
        JWEObject legacy = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(jwk));
        legacy.encrypt(new DirectEncrypter(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
        String stored = KeyCipher.JWE_PREFIX + legacy.serialize();
        KeyCipher cipher = new KeyCipher(Optional.of(secret));
        assertEquals(jwk, cipher.open(kid, stored));
        assertFalse(cipher.isCurrent(stored));
        assertTrue(cipher.isCurrent(cipher.seal(kid, jwk)));
    }
}
