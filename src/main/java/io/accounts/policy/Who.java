package io.accounts.policy;

import java.util.Set;

/** Whom a statement is about: anyone (even without a token), any authenticated caller, or holders of a role. */
public record Who(Kind kind, Set<String> roles) {

    public enum Kind { ANYONE, AUTHENTICATED, ROLES }

    public static final Who ANYONE = new Who(Kind.ANYONE, Set.of());
    public static final Who AUTHENTICATED = new Who(Kind.AUTHENTICATED, Set.of());

    public boolean matches(Caller caller) {
        return switch (kind) {
            case ANYONE -> true;
            case AUTHENTICATED -> caller != null;
            case ROLES -> caller != null && caller.getGroups().stream().anyMatch(roles::contains);
        };
    }
}
