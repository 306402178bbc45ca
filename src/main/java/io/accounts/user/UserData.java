package io.accounts.user;

/** The rules every body that carries user data applies before it is validated. */
final class UserData {

    /** {@code @Email} alone accepts {@code a@b}; an address users can receive mail at has a dot in its domain. */
    static final String EMAIL_DOMAIN_WITH_DOT = "^[^@]+@[^@]+\\.[^@.]+$";

    private UserData() {
    }

    static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
