package io.accounts.security;

import java.util.List;
import java.util.Set;

/** The roles this service knows; they travel in the access token's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final Set<String> ALL = Set.of(ADMIN, USER);
    public static final List<String> DEFAULT = List.of(USER);

    private Roles() {
    }
}
