package io.accounts.auth;

import java.time.Instant;

/**
 * A session as its owner sees it (API.md, "Sessions and sensitive changes"): when it began and was last refreshed,
 * from which address and user agent, and whether it is the caller's own.
 */
public record SessionView(String id, Instant createdAt, Instant lastUsedAt, String address, String userAgent,
                          boolean current) {

    static SessionView of(RefreshFamily family, String callerSession) {
        return new SessionView(family.id(), family.createdAt(), family.lastUsedAt() != null ? family.lastUsedAt()
                : family.createdAt(), family.address(), family.userAgent(), family.id().equals(callerSession));
    }
}
