package io.accounts.keys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869): turns the operator's key-encryption secret, which may be a passphrase, into
 * a uniformly random AES key bound to its purpose. The JDK 17 has HMAC but no HKDF; the two steps are below.
 */
final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    static byte[] sha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        try {
            byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, inputKey);
            ByteArrayOutputStream output = new ByteArrayOutputStream(length + HASH_BYTES);
            byte[] block = new byte[0];
            for (int counter = 1; output.size() < length; counter++) {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                output.write(block, 0, block.length);
            }
            return Arrays.copyOf(output.toByteArray(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(key, HMAC));
        return mac.doFinal(data);
    }
}
