package io.accounts.user;

import io.accounts.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The user a verified token names, as the token paths read it: from the cache (at most
 * {@code revocation.cache-seconds} old) where that bound is the contract, as stored now where a decision must see
 * the latest token version. A user who no longer exists ends the token (401).
 */
@ApplicationScoped
public class TokenOwners {

    static final String TOKEN_OWNER_GONE = "The account of this token no longer exists.";

    @Inject
    UserStore store;

    @Inject
    UserCache cache;

    /** The owner as cached for the hot paths. */
    public User tokenOwner(String id) {
        return cache.find(id).orElseThrow(TokenOwners::ownerGone);
    }

    /**
     * The owner as stored now, for decisions that must see the latest token version (a rotation), and so that the
     * token it issues carries the latest roles and address: the fields a token carries, in one projected read by
     * id (not through the repository's mapping, which cost a rotation a sixth of its CPU).
     */
    public User currentTokenOwner(String id) {
        return (UserIds.isValid(id) ? store.tokenClaims(id) : Optional.<User>empty())
                .orElseThrow(TokenOwners::ownerGone);
    }

    private static ApiException ownerGone() {
        return ApiException.invalidToken(TOKEN_OWNER_GONE);
    }
}
