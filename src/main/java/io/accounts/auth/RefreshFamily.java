package io.accounts.auth;

import io.accounts.platform.store.InstantAsDate;
import io.accounts.user.User;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * One login's refresh-token family as stored: whose it is, the user's token version when it began (a later
 * password or role change ends it), its state, its current generation (a token of an earlier one is theft, see
 * {@link RefreshTokenCodec}), the claims its tokens carry about the owner (kept current when the owner changes, so a
 * rotation is one small write and no read), when its sign-in happened, its absolute end (a TTL index removes it then), when it began,
 * from which client address and user agent, and when a refresh last used it: what its owner sees of it as a session.
 * A family begun before generations holds the hash of its current token and of up to 64 earlier ones instead, until
 * its first rotation moves it to generations (a migration for one session lifetime).
 * With {@code refresh.reuse-grace-seconds}, also the pair the last rotation answered (sealed) and the generation it
 * retired, so that a retry of that rotation gets the same pair. A family an application holds (OpenID Connect)
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
                            @Column(RefreshFamily.CLIENT) String clientId, @Column(RefreshFamily.SCOPE) String scope,
                            @Column(RefreshFamily.GENERATION) Long generation,
                            @Column(RefreshFamily.FIRST_NAME) String firstName,
                            @Column(RefreshFamily.LAST_NAME) String lastName,
                            @Column(RefreshFamily.EMAIL) String email,
                            @Column(RefreshFamily.ROLES) List<String> roles,
                            @Column(RefreshFamily.EMAIL_VERIFIED) Boolean emailVerified) {

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
    static final String GENERATION = "gen";
    static final String FIRST_NAME = "first_name";
    static final String LAST_NAME = "last_name";
    static final String EMAIL = "email";
    static final String ROLES = "roles";
    static final String EMAIL_VERIFIED = "email_verified";
    /** The fields a token carries about its owner, kept current here so that a rotation reads no user. */
    static final String[] CLAIMS = {FIRST_NAME, LAST_NAME, EMAIL, ROLES, EMAIL_VERIFIED};

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

    /** The owner as the family's tokens carry it, without reading the user. */
    User owner() {
        User user = new User(firstName, lastName, email, null,
                roles == null ? List.of() : roles, null);
        user.setId(userId);
        user.setTokenVersion(tokenVersion);
        user.setEmailVerified(emailVerified);
        return user;
    }

    /** Whether the family carries its owner's claims (every family begun by this version does). */
    boolean hasClaims() {
        return email != null;
    }

    Session session() {
        return new Session(id, authTime);
    }
}
