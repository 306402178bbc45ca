package io.accounts.auth;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * One login's refresh-token family as stored: whose it is, the user's token version when it began (a later
 * password or role change ends it), its state, the hash of its one current token and of earlier ones (a reuse of
 * one of those is theft), when its sign-in happened, its absolute end (a TTL index removes it then) and when it began.
 */
@Entity(RefreshFamily.COLLECTION)
public record RefreshFamily(@Id String id, @Column(RefreshFamily.USER) String userId,
                            @Column(RefreshFamily.TOKEN_VERSION) long tokenVersion,
                            @Column(RefreshFamily.STATE) String state, @Column(RefreshFamily.CURRENT) String current,
                            @Column(RefreshFamily.PREVIOUS) List<String> previous,
                            @Column(RefreshFamily.AUTH_TIME) @Convert(InstantAsDate.class) Instant authTime, @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt,
                            @Column(RefreshFamily.CREATED_AT) @Convert(InstantAsDate.class) Instant createdAt) {

    static final String COLLECTION = "refresh_families";
    static final String USER = "user";
    static final String TOKEN_VERSION = "tv";
    static final String STATE = "state";
    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";
    static final String AUTH_TIME = "auth_time";
    static final String CREATED_AT = "created_at";

    static final String ACTIVE = "active";
    static final String REVOKED = "revoked";

    /**
     * The earlier hashes, none for a new family. A new family stores none rather than an empty list: JNoSQL writes
     * an empty list as an empty embedded document, which {@code $push} refuses.
     */
    @Override
    public List<String> previous() {
        return previous == null ? List.of() : previous;
    }

    boolean active(Instant now) {
        return ACTIVE.equals(state) && now.isBefore(expiresAt);
    }

    Session session() {
        return new Session(id, authTime);
    }
}
