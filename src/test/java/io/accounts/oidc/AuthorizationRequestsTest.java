package io.accounts.oidc;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authorization request's checks, in RFC 6749's order: no redirect before client and redirect URI hold. */
class AuthorizationRequestsTest {

    private static final String CALLBACK = "https://app.example.com/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static AuthorizationRequests requests() {
        AuthorizationRequests requests = new AuthorizationRequests();
        requests.clients = new ClientStore() {
            @Override
            Optional<OAuthClient> find(String clientId) {
                if ("legacy".equals(clientId)) {
                    return Optional.of(new OAuthClient("legacy", "Without PKCE", OAuthClient.CONFIDENTIAL, "hash",
                            List.of(CALLBACK), null, Instant.EPOCH, false));
                }
                return "app".equals(clientId) ? Optional.of(new OAuthClient("app", "App", OAuthClient.PUBLIC, null,
                        List.of(CALLBACK), null, Instant.EPOCH, null)) : Optional.empty();
            }
        };
        return requests;
    }

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new HashMap<>(Map.of("response_type", List.of("code"),
                "client_id", List.of("app"), "redirect_uri", List.of(CALLBACK), "scope", List.of("openid email"),
                "state", List.of("s1"), "nonce", List.of("n1"), "code_challenge", List.of(CHALLENGE),
                "code_challenge_method", List.of("S256")));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                query.remove(pairs[i]);
            } else {
                query.put(pairs[i], List.of(pairs[i + 1].split("\\|", -1)));
            }
        }
        return query;
    }

    @Test
    void aGoodRequestIsTakenWithItsScopesStateAndNonce() {
        AuthorizationRequest request = requests().check(query());
        assertEquals(CALLBACK, request.redirectUri());
        assertEquals(Set.of("openid", "email"), request.scopes());
        assertEquals("s1", request.state());
        assertEquals("n1", request.nonce());
    }

    @Test
    void anUnknownClientOrAnUnregisteredRedirectIsNeverRedirectedTo() {
        for (Map<String, List<String>> bad : List.of(query("client_id", "other"), query("client_id", null),
                query("redirect_uri", "https://evil.example/cb"), query("redirect_uri", CALLBACK + "/"),
                query("redirect_uri", null), query("redirect_uri", CALLBACK + "|" + CALLBACK))) {
            assertEquals(400, assertThrows(ApiException.class, () -> requests().check(bad)).status(), bad.toString());
        }
    }

    @Test
    void everyOtherFaultGoesBackToTheClientWithStateAndIssuer() {
        Map<Map<String, List<String>>, String> faults = Map.of(
                query("response_type", "token"), "unsupported_response_type",
                query("code_challenge", null), "invalid_request",
                query("code_challenge_method", "plain"), "invalid_request",
                query("scope", "email"), "invalid_scope",
                query("scope", "openid admin"), "invalid_scope",
                query("prompt", "consent"), "invalid_request",
                query("max_age", "soon"), "invalid_request",
                query("request", "eyJ..."), "request_not_supported",
                query("state", "a|b"), "invalid_request");
        faults.forEach((bad, error) -> {
            AuthorizationError refused = assertThrows(AuthorizationError.class, () -> requests().check(bad));
            String location = refused.location("https://accounts.example.com");
            assertTrue(location.startsWith(CALLBACK + "?error=" + error + "&"), location);
            assertTrue(location.endsWith("&iss=https%3A%2F%2Faccounts.example.com"), location);
        });
    }

    @Test
    void aClientRegisteredWithoutPkceMustSendANonceAndIsHeldToPkceWhenItSendsIt() {
        AuthorizationRequest withNonce = requests().check(query("client_id", "legacy", "code_challenge", null,
                "code_challenge_method", null));
        assertNull(withNonce.codeChallenge(), "no challenge: the code is bound to the nonce");
        for (Map<String, List<String>> bad : List.of(
                query("client_id", "legacy", "code_challenge", null, "code_challenge_method", null, "nonce", null),
                query("client_id", "legacy", "code_challenge_method", "plain"),
                query("client_id", "app", "code_challenge", null, "code_challenge_method", null))) {
            AuthorizationError refused = assertThrows(AuthorizationError.class, () -> requests().check(bad));
            assertTrue(refused.location("https://a.example").contains("error=invalid_request"), bad.toString());
        }
        assertEquals(CHALLENGE, requests().check(query("client_id", "legacy")).codeChallenge());
    }
}
