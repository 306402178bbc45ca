package io.accounts.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values (session ids, refresh-token secrets): bytes from the CSPRNG, base64url without padding. */
final class RandomTokens {

    static final int SESSION_ID_BYTES = 16;
    static final int SECRET_BYTES = 32;

    private RandomTokens() {
    }

    static String sessionId(SecureRandom random) {
        return of(random, SESSION_ID_BYTES);
    }

    static String secret(SecureRandom random) {
        return of(random, SECRET_BYTES);
    }

    private static String of(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
