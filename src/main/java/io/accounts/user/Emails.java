package io.accounts.user;

import java.util.Locale;

/** One account per address without regard to case: every address is compared and stored in this form. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
