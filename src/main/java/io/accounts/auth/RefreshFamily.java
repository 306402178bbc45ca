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
 * one of those is theft), when its sign-in happened, its absolute end (a TTL index removes it then), when it began,
 * from which client address and user agent, and when a refresh last used it: what its owner sees of it as a session.
 * With {@code refresh.reuse-grace-seconds}, also the pair the last rotation answered (sealed) and the hash of the token
 * it retired, so that a retry of that rotation gets the same pair. A family an application holds (OpenID Connect)
 * names its client and the scopes granted; it rotates only at that client's token endpoint.
 */
@Entity(RefreshFamily.COLLECTION)
public record RefreshFamily(@Id String id, @Column(RefreshFamily.USER) String userId,
                            @Column(RefreshFamily.TOKEN_VERSION) long tokenVersion,
                            @Column(RefreshFamily.STATE) String state, @Column(RefreshFamily.CURRENT) String current,
                            @Column(RefreshFamily.PREVIOUS) List<String> previous,
                            @Column(RefreshFamily.AUTH_TIME) @Convert(InstantAsDate.class) Instant authTime, @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt,
                            @Column(RefreshFamily.CREATED_AT) @Convert(InstantAsDate.class) Instant createdAt,
                            @Column(RefreshFamily.ADDRESS) String address,
                            @Column(RefreshFamily.USER_AGENT) String userAgent,
                            @Column(RefreshFamily.LAST_USED_AT) @Convert(InstantAsDate.class) Instant lastUsedAt,
                            @Column(RefreshFamily.SUCCESSOR_OF) String successorOf,
                            @Column(RefreshFamily.SUCCESSOR) String successor,
                            @Column(RefreshFamily.CLIENT) String clientId, @Column(RefreshFamily.SCOPE) String scope) {

    static final String COLLECTION = "refresh_families";
    static final String USER = "user";
    static final String TOKEN_VERSION = "tv";
    static final String STATE = "state";
    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";
    static final String AUTH_TIME = "auth_time";
    static final String CREATED_AT = "created_at";
    static final String ADDRESS = "address";
    static final String USER_AGENT = "user_agent";
    static final String LAST_USED_AT = "last_used_at";
    static final String SUCCESSOR_OF = "successor_of";
    static final String SUCCESSOR = "successor";
    static final String CLIENT = "client";
    static final String SCOPE = "scope";

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
