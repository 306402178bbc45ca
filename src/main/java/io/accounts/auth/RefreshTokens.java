package io.accounts.auth;

import io.accounts.platform.RandomTokens;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.SealedSecrets;
import io.accounts.platform.ApiException;
import io.accounts.platform.Digests;
import io.accounts.user.User;
import io.accounts.user.UserChanged;
import io.accounts.user.TokenOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    /** A retry that arrives before the first answer's pair is written looks this often, this long apart. */
    private static final int REPEAT_LOOKS = 20;
    private static final long REPEAT_PAUSE_MILLIS = 25;
    /** The characters of a user agent kept with a session. */
    static final int USER_AGENT_KEPT = 256;

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

    @Inject
    SealedSecrets secrets;

    @Inject
    @ConfigProperty(name = "refresh.reuse-grace-seconds", defaultValue = "0")
    long graceSeconds;

    /** A new session (the id of its family) for a sign-in made at {@code authTime}. */
    public Session newSession(Instant authTime) {
        return new Session(RandomTokens.sessionId(random), authTime);
    }

    /** The first token of a new family (the login's session), from this client address and user agent. */
    public String start(User user, Session session, String address, String userAgent) {
        return start(user, session, address, userAgent, null, null);
    }

    /** As {@link #start(User, Session, String, String)}, for a family an application holds with these scopes. */
    public String start(User user, Session session, String address, String userAgent, String clientId, String scope) {
        String secret = RandomTokens.secret(random);
        Instant now = clock.instant();
        families.insert(new RefreshFamily(session.id(), user.getId(), user.getTokenVersion(), RefreshFamily.ACTIVE,
                hash(secret), null, session.authTime(), session.authTime().plus(config.sessionLifetime()), now,
                address, userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_KEPT)),
                now, null, null, clientId, scope));
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
        Optional<RefreshFamily> won = families.rotate(family, hash, hash(next), now);
        if (won.isEmpty()) {
            return repeated(family, hash).orElseThrow(() -> refused(family, hash));
        }
        RefreshFamily before = won.get();
        User user = owners.currentTokenOwner(before.userId());
        if (user.getTokenVersion() > before.tokenVersion()) {
            families.revoke(family);
            throw ApiException.invalidToken(REFUSED);
        }
        return new Rotation(user, before.session(), family + "." + next, hash, null, before.clientId(), before.scope());
    }

    /**
     * With {@code refresh.reuse-grace-seconds}, keeps the pair a won rotation answers, sealed, so that a retry of
     * the same token within the grace gets the same pair (a client whose answer was lost), never a second chain.
     */
    public void remember(Rotation rotation, TokenPair pair) {
        if (graceSeconds <= 0 || rotation.repeat() != null) {
            return;
        }
        String family = rotation.session().id();
        String current = rotation.refreshToken().substring(rotation.refreshToken().indexOf('.') + 1);
        families.rememberSuccessor(family, rotation.retiredHash(), hash(current), secrets.seal(sealedFor(family),
                pair.token() + " " + pair.refreshToken() + " " + pair.expiresIn()));
    }

    /**
     * A retry of the family's last rotation within the grace: that rotation's pair again. The pair is written just
     * after the rotation it answers; a retry that arrives in between waits for it, briefly.
     */
    private Optional<Rotation> repeated(String family, String hash) {
        if (graceSeconds <= 0) {
            return Optional.empty();
        }
        for (int look = 0; look < REPEAT_LOOKS; look++) {
            Optional<RefreshFamily> found = families.find(family);
            if (found.isEmpty() || !found.get().active(clock.instant()) || found.get().previous().isEmpty()
                    || !hash.equals(found.get().previous().get(found.get().previous().size() - 1))
                    || found.get().lastUsedAt() == null
                    || clock.instant().isAfter(found.get().lastUsedAt().plusSeconds(graceSeconds))) {
                return Optional.empty();
            }
            RefreshFamily current = found.get();
            if (hash.equals(current.successorOf()) && current.successor() != null) {
                String[] parts = secrets.open(sealedFor(family), current.successor()).split(" ");
                User user = owners.currentTokenOwner(current.userId());
                if (user.getTokenVersion() > current.tokenVersion()) {
                    return Optional.empty();
                }
                return Optional.of(new Rotation(user, current.session(), parts[1], hash,
                        new TokenPair(parts[0], parts[1], "Bearer", Long.parseLong(parts[2])), current.clientId(),
                        current.scope()));
            }
            pause();
        }
        // the first answer is still being written: no pair to give, and no theft either
        throw ApiException.invalidToken(REFUSED);
    }

    private static void pause() {
        try {
            Thread.sleep(REPEAT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalidToken(REFUSED);
        }
    }

    private static String sealedFor(String family) {
        return "refresh:" + family;
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

    /**
     * The live family an application's refresh token belongs to (its current token, or an earlier one: either names
     * the grant), for revocation and introspection; empty for anything else.
     */
    public Optional<HeldGrant> held(String token) {
        int dot = token.indexOf('.');
        if (dot < 1 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String hash = hash(token.substring(dot + 1));
        return families.find(token.substring(0, dot)).filter(f -> f.active(clock.instant()))
                .filter(f -> hash.equals(f.current()) || f.previous().contains(hash))
                .map(f -> new HeldGrant(f.id(), f.userId(), f.clientId(), f.scope(), hash.equals(f.current()),
                        f.lastUsedAt() == null ? f.createdAt() : f.lastUsedAt(), f.expiresAt()));
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

    /**
     * A won rotation: whose session it continues, the family's next token and the hash of the one it retired; or,
     * for a retry within the grace, {@code repeat}: the pair the rotation answered. {@code clientId} and {@code scope}:
     * the application that holds the family, null for the service's own sessions.
     */
    public record Rotation(User user, Session session, String refreshToken, String retiredHash, TokenPair repeat,
                           String clientId, String scope) {
    }

    /**
     * A live grant as a refresh token shows it: its session (family), owner, client and scopes, whether the token is
     * the family's current one, when that was issued and when the family ends.
     */
    public record HeldGrant(String session, String userId, String clientId, String scope, boolean current,
                            Instant issuedAt, Instant expiresAt) {
    }
}
