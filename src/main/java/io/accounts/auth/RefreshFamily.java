package io.accounts.auth;

import java.time.Instant;
import java.util.List;

/**
 * One login's refresh-token family as stored: whose it is, the user's token version when it began (a later
 * password or role change ends it), its state, the hash of its one current token and of earlier ones (a reuse of
 * one of those is theft), and its absolute end.
 */
record RefreshFamily(String id, String userId, long tokenVersion, String state, String current, List<String> previous,
                     Instant authTime, Instant expiresAt) {

    static final String ACTIVE = "active";
    static final String REVOKED = "revoked";

    boolean active(Instant now) {
        return ACTIVE.equals(state) && now.isBefore(expiresAt);
    }

    Session session() {
        return new Session(id, authTime);
    }
}
