package io.accounts.auth;

import io.accounts.platform.ApiException;
import io.accounts.platform.MongoErrors;
import io.accounts.user.UserChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * Refresh-token rotation (RFC 9700): each token is single use and 256 random bits; using it retires it and
 * issues the next of its family; presenting a retired one again (a thief or a race) revokes the whole family.
 * A family ends at logout, password or role change, deletion, and its absolute lifetime.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
    static final int TOKEN_BYTES = 32;
    static final String REFUSED = "The refresh token is invalid, expired or already used.";

    @Inject
    RefreshTokenStore store;

    @Inject
    JwtConfig config;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    /** The first token of a new family (the session). */
    public String start(String userId, Session session) {
        String token = SessionIds.random(random, TOKEN_BYTES);
        store.insert(hash(token), session.id(), userId, session.authTime(),
                session.authTime().plus(config.sessionLifetime()), clock.instant());
        return token;
    }

    /**
     * Uses the token once: answers the user and session it continues, and the next token of the family. The
     * claim records the next token's hash, so a concurrent reuse can void it even before it is stored.
     */
    public Rotation rotate(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        String next = SessionIds.random(random, TOKEN_BYTES);
        String nextHash = hash(next);
        Document before = store.claim(hash, nextHash, now)
                .orElseThrow(() -> ApiException.invalidToken(REFUSED));
        Date expiresAt = before.getDate("expires_at");
        if (!RefreshTokenStore.ACTIVE.equals(before.getString("state"))) {
            reused(before);
            throw ApiException.invalidToken(REFUSED);
        }
        if (expiresAt == null || !expiresAt.toInstant().isAfter(now)) {
            throw ApiException.invalidToken(REFUSED);
        }
        String user = before.getString("user");
        Session session = new Session(before.getString("family"), before.getDate("auth_time").toInstant());
        try {
            store.insert(nextHash, session.id(), user, session.authTime(), expiresAt.toInstant(), now);
        } catch (RuntimeException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            // a reuse revoked the family between the claim and this insert: the next token is void already
        }
        return new Rotation(user, session, next);
    }

    /** A retired token presented again (a thief or a race): the whole family, and its next token, are void. */
    private void reused(Document before) {
        String family = before.getString("family");
        if (family == null) {
            return;
        }
        long revoked = store.revokeFamily(family);
        if (before.getString("next") != null) {
            store.voidToken(before.getString("next"), family);
        }
        LOG.warning(() -> "a retired refresh token was presented again: family of user " + before.getString("user")
                + " revoked (" + revoked + " tokens)");
    }

    public boolean isActive(String family) {
        return store.familyActive(family, clock.instant());
    }

    public void revokeFamily(String family) {
        store.revokeFamily(family);
    }

    void onUserChanged(@Observes UserChanged change) {
        if (change.kind() != UserChanged.Kind.PROFILE) {
            store.revokeUser(change.userId());
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A won rotation: whose session it continues, and the family's next token. */
    public record Rotation(String userId, Session session, String refreshToken) {
    }
}
