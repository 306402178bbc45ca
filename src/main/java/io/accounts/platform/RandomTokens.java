package io.accounts.platform;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable values (session ids, refresh-token secrets, mailed tokens, passkey challenges, authorization codes,
 * client ids and secrets): bytes from the CSPRNG, base64url without padding.
 */
public final class RandomTokens {

    public static final int SESSION_ID_BYTES = 16;
    public static final int SECRET_BYTES = 32;

    private RandomTokens() {
    }

    public static String sessionId(SecureRandom random) {
        return of(random, SESSION_ID_BYTES);
    }

    public static String secret(SecureRandom random) {
        return of(random, SECRET_BYTES);
    }

    /** {@code bytes} random bytes, base64url. */
    public static String of(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
