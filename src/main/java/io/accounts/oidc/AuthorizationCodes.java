package io.accounts.oidc;

import io.accounts.keys.JwtConfig;
import io.accounts.platform.ApiException;
import io.accounts.platform.Digests;
import io.accounts.platform.RandomTokens;
import io.accounts.security.FreshSignIn;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Codes for a signed-in person (RFC 9700): 256 random bits, only the hash stored, living 60 s, bound to the client,
 * the redirect URI, the PKCE challenge, the nonce, the scopes and the page's session. {@code max_age} and
 * {@code prompt=login} are honoured by asking the page for a newer sign-in first.
 */
@ApplicationScoped
public class AuthorizationCodes {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Inject
    CodeStore store;

    @Inject
    FreshSignIn freshSignIn;

    @Inject
    JwtConfig jwt;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    /** Where the browser goes next: the client's redirect URI with a new code, {@code state} and the issuer. */
    public String issue(AuthorizationRequest request, JwtPrincipal caller) {
        Instant now = clock.instant();
        Object sid = caller.getClaim("sid");
        Object signedIn = caller.getClaim("auth_time");
        if (!(sid instanceof String session) || !(signedIn instanceof Number seconds)) {
            throw ApiException.invalidToken("The access token has no session.");
        }
        Instant authTime = Instant.ofEpochSecond(seconds.longValue());
        if (request.maxAge() != null && authTime.plusSeconds(request.maxAge()).isBefore(now)
                || "login".equals(request.prompt())) {
            freshSignIn.require(caller);
        }
        String code = RandomTokens.secret(random);
        store.insert(new AuthorizationCode(Digests.sha256Hex(code), request.client().clientId(), request.redirectUri(),
                request.codeChallenge(), request.nonce(), String.join(" ", request.scopes()), caller.subject(), session,
                authTime, now.plus(LIFETIME), false, null));
        StringBuilder target = new StringBuilder(request.redirectUri())
                .append(request.redirectUri().contains("?") ? '&' : '?').append("code=").append(code);
        if (request.state() != null) {
            target.append("&state=").append(AuthorizationError.encode(request.state()));
        }
        return target.append("&iss=").append(AuthorizationError.encode(jwt.issuer())).toString();
    }

    /** The answer of {@code POST /oauth2/authorize}. */
    public record Redirect(String redirectTo) {

        static Redirect to(String target) {
            return new Redirect(target);
        }
    }
}
