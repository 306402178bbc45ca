package io.accounts.security;

import java.util.Locale;

/** Reads the token from an {@code Authorization} value: {@code Bearer <jwt>}, or the bare JWT. */
public final class BearerToken {

    private static final String PREFIX = "bearer ";

    private BearerToken() {
    }

    /** The token, or null when the header is absent or blank. */
    public static String from(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.length() > PREFIX.length() && value.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT)
                .equals(PREFIX)) {
            value = value.substring(PREFIX.length()).strip();
        }
        return value;
    }
}
