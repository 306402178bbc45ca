package io.accounts.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.accounts.auth.RefreshTokens;
import io.accounts.auth.Sessions;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a client may do with the tokens it holds: revoke them (RFC 7009) and ask whether one is active (RFC 7662).
 * Revoking either token of a grant ends the grant: its refresh family and, through its session, every access token
 * issued with it. A token of another client is refused at revocation and inactive at introspection; anything
 * unknown, expired or revoked is nothing to revoke and {@code {"active":false}}.
 */
@ApplicationScoped
public class IssuedTokens {

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    Sessions sessions;

    @Inject
    TokenVerifier verifier;

    @Inject
    SecurityEvents events;

    void revoke(OAuthClient client, String token) {
        Optional<RefreshTokens.HeldGrant> grant = refreshTokens.held(token);
        if (grant.isPresent()) {
            requireOwn(client, grant.get().clientId());
            end(client, grant.get().userId(), grant.get().session(), "refresh_token");
            return;
        }
        Optional<JwtPrincipal> access = accessToken(token);
        if (access.isPresent()) {
            requireOwn(client, access.get().getClaim("client_id"));
            if (access.get().getClaim("sid") instanceof String session) {
                end(client, access.get().subject(), session, "access_token");
            }
        }
        // anything else is already unusable, and the answer is the same 200 (RFC 7009 2.2)
    }

    Map<String, Object> introspect(OAuthClient client, String token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Optional<RefreshTokens.HeldGrant> grant = refreshTokens.held(token)
                .filter(RefreshTokens.HeldGrant::current).filter(g -> client.clientId().equals(g.clientId()));
        Optional<JwtPrincipal> access = grant.isPresent() ? Optional.empty() : accessToken(token)
                .filter(a -> client.clientId().equals(a.getClaim("client_id")));
        answer.put("active", grant.isPresent() || access.isPresent());
        grant.ifPresent(g -> {
            answer.put("token_type", "refresh_token");
            answer.put("client_id", g.clientId());
            answer.put("scope", g.scope());
            answer.put("sub", g.userId());
            answer.put("iat", g.issuedAt().getEpochSecond());
            answer.put("exp", g.expiresAt().getEpochSecond());
        });
        access.ifPresent(a -> {
            JWTClaimsSet claims = a.claims();
            answer.put("token_type", "Bearer");
            answer.put("client_id", claims.getClaim("client_id"));
            answer.put("scope", claims.getClaim("scope"));
            answer.put("sub", claims.getSubject());
            answer.put("username", claims.getClaim("upn"));
            answer.put("aud", claims.getAudience());
            answer.put("iss", claims.getIssuer());
            answer.put("jti", claims.getJWTID());
            answer.put("iat", claims.getIssueTime().toInstant().getEpochSecond());
            answer.put("exp", claims.getExpirationTime().toInstant().getEpochSecond());
        });
        return answer;
    }

    /** A valid, unrevoked access token of this service (an ID token is not one); empty for anything else. */
    private Optional<JwtPrincipal> accessToken(String token) {
        if (token.length() > TokenVerifier.MAX_TOKEN_CHARS || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verify(token));
        } catch (ApiException invalid) {
            return Optional.empty();
        }
    }

    private static void requireOwn(OAuthClient client, Object holder) {
        if (!client.clientId().equals(holder)) {
            throw new OAuthError("unauthorized_client", "the token was not issued to this client");
        }
    }

    private void end(OAuthClient client, String userId, String session, String type) {
        sessions.endForApplication(userId, session);
        events.record(EventType.TOKEN_REVOKED, userId, Map.of("client_id", client.clientId(), "token_type", type,
                "session", session));
    }
}
