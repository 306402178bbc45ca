package io.accounts.security;

import java.lang.reflect.Method;
import java.util.Map;

/** Decides whether a caller (null: nobody authenticated) may make a request; the one place access is decided. */
public interface AccessPolicy {

    Decision decide(Request request, JwtPrincipal caller);

    /** What the policy may look at: the verb, the path, its parameters and the resource method chosen. */
    record Request(String method, String path, Map<String, String> pathParameters, Method resourceMethod) {
    }

    enum Decision { ALLOW, DENY }
}
