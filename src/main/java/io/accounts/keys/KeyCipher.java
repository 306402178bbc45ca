package io.accounts.keys;

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
 * Protects key material at rest. With {@code jwt.key-encryption-key} set, each stored JWK (private and public part)
 * is a JWE (dir, A256GCM) under a key derived from that secret with HKDF, whose protected header, authenticated
 * with the ciphertext, names the key's {@code kid}: a sealed key cannot be moved to another id, and plaintext key
 * material is refused, so write access to the database alone cannot plant a signing or verifying key. Without it,
 * keys are plain JSON guarded only by the database's access control (a warning is logged at start-up).
 */
public final class KeyCipher {

    static final String JWE_PREFIX = "jwe:";
    private static final byte[] SALT = "user-account-service".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "signing-key-wrap A256GCM v2".getBytes(StandardCharsets.US_ASCII);

    private final Optional<byte[]> key;
    /** The key stores written before HKDF used: SHA-256 of the secret, kid not bound. Read once, then re-sealed. */
    private final Optional<byte[]> legacyKey;

    public KeyCipher(Optional<String> keyEncryptionKey) {
        Optional<String> secret = keyEncryptionKey.filter(k -> !k.isBlank());
        secret.ifPresent(KeyCipher::checkLength);
        this.key = secret.map(s -> Hkdf.sha256(s.getBytes(StandardCharsets.UTF_8), SALT, INFO, 32));
        this.legacyKey = secret.map(KeyCipher::sha256);
    }

    private static void checkLength(String value) {
        if (value.length() < 16) {
            throw new IllegalArgumentException("jwt.key-encryption-key (JWT_KEY_ENCRYPTION_KEY) must have at least"
                    + " 16 characters");
        }
    }

    public boolean encrypts() {
        return key.isPresent();
    }

    /** Key material as stored: a JWE naming the kid when encrypting, the JSON itself otherwise. */
    public String seal(String kid, String jwk) {
        if (key.isEmpty()) {
            return jwk;
        }
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                    .keyID(kid).build(), new Payload(jwk));
            jwe.encrypt(new DirectEncrypter(key.get()));
            return JWE_PREFIX + jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    /** The JWK stored for this kid; refuses plaintext while encrypting, and a JWE sealed for another kid. */
    public String open(String kid, String stored) {
        if (!stored.startsWith(JWE_PREFIX)) {
            if (key.isPresent()) {
                throw new IllegalStateException("signing key " + kid + " is stored unencrypted while"
                        + " jwt.key-encryption-key is set: delete it from the signing_keys collection (a new key is"
                        + " generated; tokens it signed stop verifying) or start without jwt.key-encryption-key");
            }
            return stored;
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("the signing keys are encrypted: set jwt.key-encryption-key"
                    + " (JWT_KEY_ENCRYPTION_KEY)");
        }
        try {
            JWEObject jwe = JWEObject.parse(stored.substring(JWE_PREFIX.length()));
            String sealedFor = jwe.getHeader().getKeyID();
            if (sealedFor != null && !sealedFor.equals(kid)) {
                throw new IllegalStateException("signing key " + kid + " holds material sealed for key " + sealedFor);
            }
            jwe.decrypt(new DirectDecrypter(sealedFor == null ? legacyKey.get() : key.get()));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid + ": is jwt.key-encryption-key the"
                    + " one it was stored with?", e);
        }
    }

    /** True when stored material is sealed the current way (or plain, when not encrypting): no re-seal needed. */
    public boolean isCurrent(String stored) {
        if (!stored.startsWith(JWE_PREFIX)) {
            return key.isEmpty();
        }
        try {
            return JWEObject.parse(stored.substring(JWE_PREFIX.length())).getHeader().getKeyID() != null;
        } catch (ParseException e) {
            return false;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
