package io.accounts.oidc;

import io.accounts.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an authorization request in the order RFC 6749 4.1.2.1 and RFC 9700 want: first the client and its exact
 * redirect URI, whose failure is a {@code 400} to the person and never a redirect (an open redirector otherwise);
 * then everything else, whose failure goes back to the client as an {@link AuthorizationError}. Only the code flow,
 * PKCE S256 for every client, no request objects; a parameter given twice is refused.
 */
@ApplicationScoped
public class AuthorizationRequests {

    static final Set<String> SCOPES = Set.of("openid", "email", "profile");
    private static final Set<String> ONCE = Set.of("response_type", "client_id", "redirect_uri", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method", "prompt", "max_age");

    @Inject
    ClientStore clients;

    public AuthorizationRequest check(Map<String, List<String>> query) {
        String clientId = single(query, "client_id");
        OAuthClient client = clientId == null ? null : clients.find(clientId).orElse(null);
        if (client == null) {
            throw ApiException.badRequest("Unknown client: the application that sent you here is not registered.");
        }
        String redirectUri = single(query, "redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw ApiException.badRequest("The redirect URI is not one the application registered; nothing was sent"
                    + " back to it.");
        }
        String state = first(query, "state");
        for (String name : ONCE) {
            if (query.getOrDefault(name, List.of()).size() > 1) {
                throw new AuthorizationError(redirectUri, "invalid_request", name + " is given more than once", state);
            }
        }
        if (query.containsKey("request") || query.containsKey("request_uri")) {
            throw new AuthorizationError(redirectUri, "request_not_supported", "request objects are not supported",
                    state);
        }
        if (!"code".equals(single(query, "response_type"))) {
            throw new AuthorizationError(redirectUri, "unsupported_response_type", "only response_type=code", state);
        }
        String challenge = single(query, "code_challenge");
        if (challenge == null && !client.pkceRequired()) {
            if (single(query, "nonce") == null) {
                // RFC 9700 2.1.1: a confidential client's nonce stands in for PKCE against code injection
                throw new AuthorizationError(redirectUri, "invalid_request",
                        "without PKCE, this client must send a nonce", state);
            }
        } else if (challenge == null || !"S256".equals(single(query, "code_challenge_method"))
                || !challenge.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new AuthorizationError(redirectUri, "invalid_request",
                    "PKCE is required: code_challenge with code_challenge_method=S256", state);
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(String.valueOf(single(query, "scope")).split(" ")));
        scopes.remove("");
        if (!scopes.contains("openid") || !SCOPES.containsAll(scopes)) {
            throw new AuthorizationError(redirectUri, "invalid_scope", "scope must hold openid, and may hold email"
                    + " and profile", state);
        }
        String prompt = single(query, "prompt");
        if (prompt != null && !Set.of("none", "login").contains(prompt)) {
            throw new AuthorizationError(redirectUri, "invalid_request", "prompt may be none or login", state);
        }
        Long maxAge = null;
        String age = single(query, "max_age");
        if (age != null) {
            try {
                maxAge = Long.parseLong(age);
            } catch (NumberFormatException e) {
                maxAge = -1L;
            }
            if (maxAge < 0) {
                throw new AuthorizationError(redirectUri, "invalid_request", "max_age must be a number of seconds",
                        state);
            }
        }
        String nonce = single(query, "nonce");
        if (nonce != null && nonce.length() > 256 || state != null && state.length() > 1024) {
            throw new AuthorizationError(redirectUri, "invalid_request", "state or nonce too long", state);
        }
        return new AuthorizationRequest(client, redirectUri, scopes, state, nonce, challenge, prompt, maxAge);
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.size() == 1 ? values.get(0) : null;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }
}
