package io.accounts.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids and secrets: {@code bytes} from the CSPRNG, base64url without padding. */
final class SessionIds {

    private SessionIds() {
    }

    static String next(SecureRandom random) {
        return random(random, 16);
    }

    static String random(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
