package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.accounts.auth.AccessTokens;
import io.accounts.auth.RefreshTokens;
import io.accounts.auth.Session;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.platform.Digests;
import io.accounts.user.User;
import io.accounts.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint's rules (RFC 6749, RFC 7636, RFC 9700): which client is asking (its secret, or a public
 * client's id), a code used once by the client it was issued to, with the redirect URI and PKCE verifier that bind
 * it, while the sign-in it came from lasts; a second use revokes what the first issued. Refresh tokens rotate as the
 * service's own do, and only for the client that holds them.
 */
@ApplicationScoped
public class TokenService {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    CodeStore codes;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AccessTokens accessTokens;

    @Inject
    IdTokens idTokens;

    @Inject
    UserService users;

    @Inject
    SecurityEvents events;

    @Inject
    Clock clock;

    /** The token response (RFC 6749 5.1) for a parsed request, or an {@link OAuthError}. */
    public Map<String, Object> answer(TokenRequest request, String address, String userAgent) {
        OAuthClient client = authenticator.authenticate(request.getClientAuthentication(), request.getClientID());
        AuthorizationGrant grant = request.getAuthorizationGrant();
        if (grant instanceof AuthorizationCodeGrant code) {
            return exchange(client, code, address, userAgent);
        }
        if (grant instanceof RefreshTokenGrant refresh) {
            return refresh(client, refresh.getRefreshToken().getValue());
        }
        throw new OAuthError("unsupported_grant_type", "only authorization_code and refresh_token");
    }

    private Map<String, Object> exchange(OAuthClient client, AuthorizationCodeGrant grant, String address,
                                         String userAgent) {
        String hash = Digests.sha256Hex(grant.getAuthorizationCode().getValue());
        AuthorizationCode code = codes.use(hash, clock.instant())
                .orElseThrow(() -> OAuthError.invalidGrant("the code is unknown or expired"));
        if (Boolean.TRUE.equals(code.used())) {
            if (code.issuedFamily() != null) {
                refreshTokens.revokeFamily(code.issuedFamily());
            }
            throw OAuthError.invalidGrant("the code was used already; what it issued is revoked");
        }
        if (!code.clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("the code was issued to another client");
        }
        if (grant.getRedirectionURI() == null || !code.redirectUri().equals(grant.getRedirectionURI().toString())) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorization request's");
        }
        if (code.codeChallenge() == null ? grant.getCodeVerifier() != null : grant.getCodeVerifier() == null
                || !CodeChallenge.compute(CodeChallengeMethod.S256, grant.getCodeVerifier()).getValue()
                .equals(code.codeChallenge())) {
            // a verifier for a code issued without a challenge is a PKCE downgrade (RFC 9700 2.1.1)
            throw OAuthError.invalidGrant("the PKCE code_verifier does not match");
        }
        if (!refreshTokens.isActive(code.sessionId())) {
            throw OAuthError.invalidGrant("the sign-in the code came from has ended");
        }
        User user = users.findCurrent(code.userId())
                .orElseThrow(() -> OAuthError.invalidGrant("the account no longer exists"));
        Session session = refreshTokens.newSession(code.authTime());
        String refreshToken = refreshTokens.start(user, session, address, userAgent, client.clientId(), code.scope());
        codes.issued(hash, session.id());
        events.record(EventType.LOGIN, user.getId(), Map.of("method", "oidc", "client_id", client.clientId()));
        return tokens(user, session, client, code.scope(), code.nonce(), refreshToken);
    }

    private Map<String, Object> refresh(OAuthClient client, String token) {
        RefreshTokens.Rotation rotation;
        try {
            rotation = refreshTokens.rotate(token);
        } catch (ApiException refused) {
            throw OAuthError.invalidGrant("the refresh token is invalid, expired or already used");
        }
        if (!client.clientId().equals(rotation.clientId())) {
            refreshTokens.revokeFamily(rotation.session().id());
            throw OAuthError.invalidGrant("the refresh token was issued to another client");
        }
        return tokens(rotation.user(), rotation.session(), client, rotation.scope(), null, rotation.refreshToken());
    }

    private Map<String, Object> tokens(User user, Session session, OAuthClient client, String scope, String nonce,
                                       String refreshToken) {
        AccessTokens.IssuedToken access = accessTokens.issue(user, session, client.clientId(), scope);
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.split(" ")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", access.token());
        answer.put("token_type", "Bearer");
        answer.put("expires_in", access.expiresIn());
        answer.put("refresh_token", refreshToken);
        answer.put("scope", scope);
        if (scopes.contains("openid")) {
            answer.put("id_token", idTokens.issue(user, client.clientId(), nonce, session, access.token(),
                    scopes));
        }
        return answer;
    }
}
