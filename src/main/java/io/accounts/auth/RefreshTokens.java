package io.accounts.auth;

import io.accounts.platform.RandomTokens;
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
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refresh-token rotation (RFC 9700). A token is {@code <family>.<generation>.<mac>} ({@link RefreshTokenCodec}): the
 * login it belongs to and its place in the family's sequence, bound by a MAC; the family stores only its current
 * generation and what its tokens carry, so a rotation is one small find-and-modify and no other read. Using a token
 * retires it and issues the family's next; presenting any earlier generation again (a thief or a race) revokes the
 * whole family. A family ends at logout, at a password or role change or deletion (a rotation that raced with such
 * a change carries the user's earlier token version, which the authorizer refuses), and at its absolute lifetime.
 * Tokens of the form before generations ({@code <family>.<secret>}, a hash stored) still rotate, once, into it.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
    static final String REFUSED = "The refresh token is invalid, expired or already used.";
    /** The characters of a user agent kept with a session. */
    static final int USER_AGENT_KEPT = 256;
    static final long FIRST_GENERATION = 1;
    private static final Set<UserChanged.Kind> CLAIM_CHANGES = EnumSet.of(UserChanged.Kind.PROFILE,
            UserChanged.Kind.EMAIL, UserChanged.Kind.EMAIL_VERIFIED, UserChanged.Kind.UNDONE);

    @Inject
    RefreshFamilyStore families;

    @Inject
    RefreshTokenCodec codec;

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
    RefreshRetries retries;

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
        Instant now = clock.instant();
        families.insert(new RefreshFamily(session.id(), user.getId(), user.getTokenVersion(), RefreshFamily.ACTIVE,
                null, null, session.authTime(), session.authTime().plus(config.sessionLifetime()), now,
                address, userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_KEPT)),
                now, null, null, clientId, scope, FIRST_GENERATION, user.getFirstName(), user.getLastName(),
                user.getEmail(), user.getRoles().isEmpty() ? null : user.getRoles(), user.isEmailVerified()));
        return codec.token(session.id(), FIRST_GENERATION);
    }

    /** Uses the token once: the user it belongs to, its session, and the family's next token; 401 otherwise. */
    public Rotation rotate(String token) {
        Optional<RefreshTokenCodec.Generation> read = codec.read(token);
        if (read.isEmpty()) {
            if (RefreshTokenCodec.isLegacy(token)) {
                return rotateLegacy(token);
            }
            throw ApiException.invalidToken(REFUSED);
        }
        String family = read.get().family();
        long generation = read.get().generation();
        Optional<RefreshFamily> won = families.rotate(family, generation, clock.instant());
        if (won.isEmpty()) {
            return retries.repeated(family, generation).orElseThrow(() -> refused(family, generation));
        }
        RefreshFamily before = won.get();
        // a password or role change revokes the family after it moved the owner's token version on: a rotation in
        // between carries the earlier version, which the authorizer refuses (revocation.cache-seconds)
        User user = before.hasClaims() ? before.owner() : owners.currentTokenOwner(before.userId());
        return new Rotation(user, before.session(), codec.token(family, generation + 1), generation, null,
                before.clientId(), before.scope());
    }

    /**
     * A token of the form before generations ({@code <family>.<secret>}, a hash stored): its family's first rotation
     * moves it to generations and its owner's claims; its earlier tokens stay known as reuses.
     */
    private Rotation rotateLegacy(String token) {
        int dot = token.indexOf('.');
        String family = token.substring(0, dot);
        String hash = hash(token.substring(dot + 1));
        Optional<RefreshFamily> stored = families.find(family);
        if (stored.isEmpty() || !hash.equals(stored.get().current())) {
            if (stored.isPresent() && stored.get().generation() != null && !stored.get().previous().isEmpty()
                    && hash.equals(stored.get().previous().get(stored.get().previous().size() - 1))) {
                // the token the migration retired, presented again: a retry within the grace, or a reuse
                return retries.repeated(family, 0).orElseThrow(() -> refused(family, 0));
            }
            throw refusedLegacy(stored, hash);
        }
        User user = owners.currentTokenOwner(stored.get().userId());
        if (user.getTokenVersion() > stored.get().tokenVersion()) {
            families.revoke(family);
            throw ApiException.invalidToken(REFUSED);
        }
        RefreshFamily before = families.rotateLegacy(family, hash, user, clock.instant())
                .orElseThrow(() -> refusedLegacy(families.find(family), hash));
        return new Rotation(user, before.session(), codec.token(family, FIRST_GENERATION), 0, null,
                before.clientId(), before.scope());
    }

    /**
     * With {@code refresh.reuse-grace-seconds}, keeps the pair a won rotation answers, so that a retry of the same
     * token within the grace gets the same pair ({@link RefreshRetries}).
     */
    public void remember(Rotation rotation, TokenPair pair) {
        retries.remember(rotation, pair);
    }

    /** Why a rotation did not happen; a generation this family had before is a reuse, and ends the family. */
    private ApiException refused(String family, long generation) {
        Optional<RefreshFamily> found = families.find(family);
        if (found.isPresent() && found.get().generation() != null && generation < found.get().generation()) {
            reused(found.get());
        }
        return ApiException.invalidToken(REFUSED);
    }

    /** As {@link #refused(String, long)}, for a token of the form before generations: a known earlier hash. */
    private ApiException refusedLegacy(Optional<RefreshFamily> found, String hash) {
        if (found.isPresent() && found.get().previous().contains(hash)) {
            reused(found.get());
        }
        return ApiException.invalidToken(REFUSED);
    }

    private void reused(RefreshFamily family) {
        if (!RefreshFamily.ACTIVE.equals(family.state())) {
            return;
        }
        families.revoke(family.id());
        events.record(EventType.REFRESH_REUSE, family.userId(), Map.of("family_revoked", "true"));
        LOG.warning(() -> "a retired refresh token was presented again: family of user " + family.userId()
                + " revoked");
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
        Optional<RefreshTokenCodec.Generation> read = codec.read(token);
        if (read.isPresent()) {
            long generation = read.get().generation();
            return families.find(read.get().family()).filter(f -> f.active(clock.instant()))
                    .filter(f -> f.generation() != null && generation <= f.generation())
                    .map(f -> grant(f, generation == f.generation()));
        }
        if (!RefreshTokenCodec.isLegacy(token)) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        String hash = hash(token.substring(dot + 1));
        return families.find(token.substring(0, dot)).filter(f -> f.active(clock.instant()))
                .filter(f -> hash.equals(f.current()) || f.previous().contains(hash))
                .map(f -> grant(f, hash.equals(f.current())));
    }

    private static HeldGrant grant(RefreshFamily family, boolean current) {
        return new HeldGrant(family.id(), family.userId(), family.clientId(), family.scope(), current,
                family.lastUsedAt() == null ? family.createdAt() : family.lastUsedAt(), family.expiresAt());
    }

    public void revokeFamily(String family) {
        families.revoke(family);
    }

    /**
     * A change that ends sessions revokes the user's families; one of the claims their tokens carry (name, address,
     * its verification, a demotion taken back) is written into them, so that their next tokens carry it.
     */
    void onUserChanged(@Observes UserChanged change) {
        if (change.kind().endsSessions()) {
            families.revokeUser(change.userId());
        } else if (CLAIM_CHANGES.contains(change.kind())) {
            try {
                families.updateClaims(owners.currentTokenOwner(change.userId()));
            } catch (ApiException gone) {
                // deleted meanwhile: its families were revoked by that change
            }
        }
    }

    static String hash(String secret) {
        return Digests.sha256Hex(secret);
    }

    /**
     * A won rotation: whose session it continues, the family's next token and the generation it retired; or,
     * for a retry within the grace, {@code repeat}: the pair the rotation answered. {@code clientId} and {@code scope}:
     * the application that holds the family, null for the service's own sessions.
     */
    public record Rotation(User user, Session session, String refreshToken, long retired, TokenPair repeat,
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
