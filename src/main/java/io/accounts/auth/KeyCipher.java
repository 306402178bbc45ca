package io.accounts.auth;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Optional;

/**
 * Protects private keys at rest: with {@code jwt.key-encryption-key} set, a private JWK is stored as a JWE
 * (dir, A256GCM) under SHA-256 of that value; without it, as plain JSON guarded only by the database's access
 * control. A stored JWE that cannot be opened stops the start-up rather than minting a new key silently.
 */
public final class KeyCipher {

    static final String JWE_PREFIX = "jwe:";
    private final Optional<byte[]> key;

    public KeyCipher(Optional<String> keyEncryptionKey) {
        this.key = keyEncryptionKey.filter(k -> !k.isBlank()).map(KeyCipher::derive);
    }

    private static byte[] derive(String value) {
        if (value.length() < 16) {
            throw new IllegalArgumentException("jwt.key-encryption-key (JWT_KEY_ENCRYPTION_KEY) must have at least"
                    + " 16 characters");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean encrypts() {
        return key.isPresent();
    }

    public String seal(String privateJwk) {
        if (key.isEmpty()) {
            return privateJwk;
        }
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                    new Payload(privateJwk));
            jwe.encrypt(new DirectEncrypter(key.get()));
            return JWE_PREFIX + jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    public String open(String stored) {
        if (!stored.startsWith(JWE_PREFIX)) {
            return stored;
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("the signing keys are encrypted: set jwt.key-encryption-key"
                    + " (JWT_KEY_ENCRYPTION_KEY)");
        }
        try {
            JWEObject jwe = JWEObject.parse(stored.substring(JWE_PREFIX.length()));
            jwe.decrypt(new DirectDecrypter(key.get()));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt a signing key: is jwt.key-encryption-key the one it"
                    + " was stored with?", e);
        }
    }
}
