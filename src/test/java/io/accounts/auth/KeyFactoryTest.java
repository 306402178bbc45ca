package io.accounts.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ES256 and RS256 keys: generated, sealed at rest, reopened, and signing what they verify. */
class KeyFactoryTest {

    private static void signsAndVerifies(JWSAlgorithm algorithm) throws Exception {
        String jwk = KeyFactory.generate(algorithm);
        KeyCipher cipher = new KeyCipher(Optional.of("a key-encryption key for the unit test"));
        String sealed = cipher.seal(jwk);
        assertTrue(sealed.startsWith(KeyCipher.JWE_PREFIX));
        assertFalse(sealed.contains("\"d\""), "the private part is not readable at rest");
        SigningKey key = KeyFactory.fromPrivateJwk(cipher.open(sealed), null);
        assertEquals(algorithm, key.algorithm());
        assertEquals(KeyFactory.kidOf(jwk), key.kid());
        assertFalse(key.publicJwk().orElseThrow().isPrivate());

        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.kid()).build(),
                new JWTClaimsSet.Builder().subject("s").build());
        jwt.sign(key.signer().orElseThrow());
        assertTrue(SignedJWT.parse(jwt.serialize()).verify(key.verifier()));
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
        String sealed = new KeyCipher(Optional.of("the right key-encryption key")).seal(KeyFactory.generate(JWSAlgorithm.ES256));
        assertThrows(IllegalStateException.class, () -> new KeyCipher(Optional.of("a wrong key-encryption key")).open(sealed));
        assertThrows(IllegalStateException.class, () -> new KeyCipher(Optional.empty()).open(sealed));
        assertThrows(IllegalArgumentException.class, () -> new KeyCipher(Optional.of("short")));
        String plain = KeyFactory.generate(JWSAlgorithm.ES256);
        assertEquals(plain, new KeyCipher(Optional.empty()).seal(plain), "without a key: stored as it is");
    }
}
