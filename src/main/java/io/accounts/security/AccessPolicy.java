package io.accounts.security;

/** Decides whether a caller (null: nobody authenticated) may make a request; the one place access is decided. */
public interface AccessPolicy {

    Decision decide(Request request, JwtPrincipal caller);

    /** What the policy looks at: the verb and the path, relative to the context root, starting with "/". */
    record Request(String method, String path) {
    }

    enum Decision { ALLOW, DENY }
}
