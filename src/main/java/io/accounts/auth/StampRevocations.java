package io.accounts.auth;

import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.Revocations;
import io.accounts.user.User;
import io.accounts.user.TokenOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Revocation by the per-user "tokens valid after" stamp (a counter, see {@code User}): a token of a deleted
 * user, issued before the user's last password or role change, or of a session ended since, fails. Users come
 * from {@code UserCache}: a
 * change on this node is seen at once, on another node within {@code revocation.cache-seconds} (default 2).
 */
@ApplicationScoped
public class StampRevocations implements Revocations {

    @Inject
    TokenOwners owners;

    @Override
    public void check(JwtPrincipal principal) {
        User user = owners.tokenOwner(principal.subject());
        if (AccessTokens.versionOf(principal) < user.getTokenVersion()) {
            throw ApiException.invalidToken("The access token was revoked.");
        }
        if (principal.getClaim("sid") instanceof String session && user.getEndedSessions().contains(session)) {
            throw ApiException.invalidToken("The session of this access token was ended.");
        }
    }
}
