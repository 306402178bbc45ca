package io.accounts.user;

import io.accounts.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The user a verified token names, as the token paths read it: from the cache (at most
 * {@code revocation.cache-seconds} old) where that bound is the contract, with the stored token version where a
 * decision must see the latest one. A user who no longer exists ends the token (401).
 */
@ApplicationScoped
public class TokenOwners {

    static final String TOKEN_OWNER_GONE = "The account of this token no longer exists.";

    @Inject
    UserService users;

    @Inject
    UserStore store;

    @Inject
    UserCache cache;

    /** The owner as cached for the hot paths. */
    public User tokenOwner(String id) {
        return cache.find(id).orElseThrow(TokenOwners::ownerGone);
    }

    /**
     * The owner with the token version stored now, for decisions that must see the latest one (a rotation): the
     * version is read by id (one field), the rest comes from the cache unless its copy is of another version.
     */
    public User currentTokenOwner(String id) {
        long version = UserIds.isValid(id) ? store.tokenVersion(id) : -1;
        if (version < 0) {
            throw ownerGone();
        }
        return cache.find(id).filter(cached -> cached.getTokenVersion() == version).or(() -> users.findCurrent(id))
                .orElseThrow(TokenOwners::ownerGone);
    }

    private static ApiException ownerGone() {
        return ApiException.invalidToken(TOKEN_OWNER_GONE);
    }
}
