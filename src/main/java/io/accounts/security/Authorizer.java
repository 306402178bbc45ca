package io.accounts.security;

import io.accounts.platform.ApiException;
import io.accounts.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;

/**
 * The one decision on every request, whoever asks: this service's own filter, forward-auth ({@code GET /authorize})
 * and API Gateway ({@code POST /authorize}). The policy opens the request to anyone, or it needs a token that
 * verifies (none: 401; a bad one: 401 {@code invalid_token}) and a caller the policy allows (else 403). Every
 * path given here is as the router matches it: a request to this service as its matched template and parameters,
 * an original request described by a gateway as the {@link RequestFirewall}'s single decoding.
 */
@ApplicationScoped
public class Authorizer {

    static final String TOKEN_REQUIRED = "An access token is required.";
    static final String NOT_ALLOWED = "This token does not allow this request.";

    @Inject
    AccessPolicy access;

    @Inject
    TokenVerifier verifier;

    /** The decision on a verb and a path as the router sees them. */
    public Verdict decide(String verb, String path, String authorization) {
        Policy policy = access.policy();
        if (policy.allows(verb, path, null)) {
            return new Verdict(null, null);
        }
        String token = BearerToken.from(authorization);
        if (token == null) {
            return new Verdict(null, ApiException.unauthenticated(TOKEN_REQUIRED));
        }
        JwtPrincipal caller;
        try {
            caller = verifier.verify(token);
        } catch (ApiException refused) {
            return new Verdict(null, refused);
        }
        return new Verdict(caller, policy.allows(verb, path, caller) ? null : ApiException.forbidden(NOT_ALLOWED));
    }

    /**
     * The decision on a request a gateway describes: the path through the firewall (400 when it is ambiguous),
     * HEAD decided as the GET it is routed to.
     */
    public Verdict decideOriginal(String verb, String rawPath, String authorization) {
        String upper = verb.strip().toUpperCase(Locale.ROOT);
        return decide(upper.equals("HEAD") ? "GET" : upper, RequestFirewall.canonical(rawPath), authorization);
    }

    /** The caller of a verified token, or null when there is none or it does not verify. */
    public JwtPrincipal callerOrNull(String authorization) {
        String token = BearerToken.from(authorization);
        if (token == null) {
            return null;
        }
        try {
            return verifier.verify(token);
        } catch (ApiException e) {
            return null;
        }
    }

    /** A decision: the caller (null when anonymous or unverified) and the refusal (null when allowed). */
    public record Verdict(JwtPrincipal caller, ApiException refusal) {

        public boolean allowed() {
            return refusal == null;
        }

        /** The caller when allowed; the 401 or 403 otherwise. */
        public JwtPrincipal orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return caller;
        }
    }
}
