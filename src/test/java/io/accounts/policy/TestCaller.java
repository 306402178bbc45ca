package io.accounts.policy;

import java.util.Map;
import java.util.Set;

/** A caller with a subject and roles, as a verified token would present them. */
record TestCaller(String sub, Set<String> roles) implements Caller {

    static TestCaller of(String sub, String... roles) {
        return new TestCaller(sub, Set.of(roles));
    }

    @Override
    public Set<String> getGroups() {
        return roles;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) Map.of("sub", sub, "groups", roles).get(name);
    }
}
