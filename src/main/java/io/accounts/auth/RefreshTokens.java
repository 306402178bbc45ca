package io.accounts.auth;

import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.ApiException;
import io.accounts.platform.Digests;
import io.accounts.user.User;
import io.accounts.user.UserChanged;
import io.accounts.user.TokenOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refresh-token rotation (RFC 9700). A token is {@code <family>.<secret>}: the login it belongs to and 256 random
 * bits, of which only a hash is stored. Using it retires it and issues the family's next; presenting a retired one
 * again (a thief or a race) revokes the whole family. A family ends at logout, at a password or role change or
 * deletion (also when that change raced with a rotation: the rotation re-reads the user's token version after its
 * swap), and at its absolute lifetime.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
    static final String REFUSED = "The refresh token is invalid, expired or already used.";

    @Inject
    RefreshFamilyStore families;

    @Inject
    TokenOwners owners;

    @Inject
    SecurityEvents events;

    @Inject
    JwtConfig config;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    /** The first token of a new family (the login's session). */
    public String start(User user, Session session) {
        String secret = RandomTokens.secret(random);
        Instant now = clock.instant();
        families.insert(new RefreshFamily(session.id(), user.getId(), user.getTokenVersion(), RefreshFamily.ACTIVE,
                hash(secret), null, session.authTime(), session.authTime().plus(config.sessionLifetime()), now));
        return session.id() + "." + secret;
    }

    /** Uses the token once: the user it belongs to, its session, and the family's next token; 401 otherwise. */
    public Rotation rotate(String token) {
        int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1) {
            throw ApiException.invalidToken(REFUSED);
        }
        String family = token.substring(0, dot);
        String hash = hash(token.substring(dot + 1));
        String next = RandomTokens.secret(random);
        Instant now = clock.instant();
        RefreshFamily before = families.rotate(family, hash, hash(next), now).orElseThrow(() -> refused(family, hash));
        User user = owners.currentTokenOwner(before.userId());
        if (user.getTokenVersion() > before.tokenVersion()) {
            families.revoke(family);
            throw ApiException.invalidToken(REFUSED);
        }
        return new Rotation(user, before.session(), family + "." + next);
    }

    /** Why a rotation did not happen; a token this family had before is a reuse, and ends the family. */
    private ApiException refused(String family, String hash) {
        Optional<RefreshFamily> found = families.find(family);
        if (found.isPresent() && found.get().previous().contains(hash)
                && RefreshFamily.ACTIVE.equals(found.get().state())) {
            families.revoke(family);
            events.record(EventType.REFRESH_REUSE, found.get().userId(), Map.of("family_revoked", "true"));
            LOG.warning(() -> "a retired refresh token was presented again: family of user " + found.get().userId()
                    + " revoked");
        }
        return ApiException.invalidToken(REFUSED);
    }

    /** True while the family can still be used: not logged out, revoked or past its lifetime. */
    public boolean isActive(String family) {
        return families.find(family).map(f -> f.active(clock.instant())).orElse(false);
    }

    public void revokeFamily(String family) {
        families.revoke(family);
    }

    void onUserChanged(@Observes UserChanged change) {
        if (change.kind().endsSessions()) {
            families.revokeUser(change.userId());
        }
    }

    static String hash(String secret) {
        return Digests.sha256Hex(secret);
    }

    /** A won rotation: whose session it continues, and the family's next token. */
    public record Rotation(User user, Session session, String refreshToken) {
    }
}
