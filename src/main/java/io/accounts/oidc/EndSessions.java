package io.accounts.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.accounts.auth.RefreshTokens;
import io.accounts.auth.Sessions;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.security.JwsTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the session an ID token names ({@code sid}) ends,
 * with its refresh family and access tokens, and the browser goes back to the application only to a post-logout
 * redirect URI it registered, exactly; anything else is a {@code 400} to the person, never a redirect. The ID token
 * may have expired (a hint, not a credential), but must be one this service signed. Without a hint there is no
 * session to end: the account pages keep none between visits.
 */
@ApplicationScoped
public class EndSessions {

    @Inject
    JwsTokenVerifier verifier;

    @Inject
    ClientStore clients;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Sessions sessions;

    @Inject
    SecurityEvents events;

    /** Ends the hinted session; where the browser goes next (the application's URI, or null for our own page). */
    String end(Map<String, List<String>> parameters) {
        String hint = single(parameters, "id_token_hint");
        String clientId = single(parameters, "client_id");
        String redirect = single(parameters, "post_logout_redirect_uri");
        String state = single(parameters, "state");
        JWTClaimsSet claims = null;
        if (hint != null) {
            try {
                claims = verifier.verifyIdTokenHint(hint);
            } catch (ApiException invalid) {
                throw ApiException.badRequest("The id_token_hint is not an ID token this service issued.");
            }
            String audience = claims.getAudience().size() == 1 ? claims.getAudience().get(0) : null;
            if (clientId != null && !clientId.equals(audience)) {
                throw ApiException.badRequest("The client_id is not the audience of the id_token_hint.");
            }
            clientId = audience;
        }
        OAuthClient client = clientId == null ? null : clients.find(clientId).orElseThrow(() ->
                ApiException.badRequest("Unknown client: the application that sent you here is not registered."));
        if (redirect != null && (client == null || !client.postLogoutRedirectUris().contains(redirect))) {
            throw ApiException.badRequest("The post-logout redirect URI is not one the application registered;"
                    + " nothing was sent back to it.");
        }
        if (claims != null && claims.getClaim("sid") instanceof String session && refreshTokens.isActive(session)) {
            sessions.endForApplication(claims.getSubject(), session);
            events.record(EventType.LOGOUT, claims.getSubject(), Map.of("method", "oidc", "client_id", clientId));
        }
        if (redirect == null) {
            return null;
        }
        return state == null ? redirect : redirect + (redirect.contains("?") ? '&' : '?') + "state="
                + AuthorizationError.encode(state);
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " is given more than once.");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
