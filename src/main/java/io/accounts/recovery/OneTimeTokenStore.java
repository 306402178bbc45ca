package io.accounts.recovery;

import com.mongodb.client.model.Filters;
import io.accounts.platform.Digests;
import io.accounts.platform.RandomTokens;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code one_time_tokens} collection: a token is 256 random bits, URL-safe, mailed to its owner; the database
 * keeps its SHA-256 only ({@link OneTimeToken}). Using it deletes it in the same operation (find-and-delete), so it
 * works once; a TTL index removes the unused ones.
 */
@ApplicationScoped
public class OneTimeTokenStore implements DatabaseSetup {

    /** What a token is for. */
    public enum Purpose {
        PASSWORD_RESET, EMAIL_VERIFICATION,
        /** The way back from an email change, mailed to the old address: each change's own, none voids another. */
        EMAIL_CHANGE_REVERT
    }

    /** A used token: whose, for which address, and until when it would have worked. */
    public record Redeemed(String userId, String email, Instant expiresAt) {
    }

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    @Override
    public void setUp() {
        driver.expiryIndex(OneTimeToken.class, "expired", EXPIRES_AT, 0);
        driver.index(OneTimeToken.class, "user_purpose", false, OneTimeToken.USER, OneTimeToken.PURPOSE);
    }

    /**
     * A new token for this user and address, valid for {@code ttl}; earlier ones of the same purpose are void, but
     * for {@link Purpose#EMAIL_CHANGE_REVERT}: a thief's second change must not void the owner's way back.
     */
    public String issue(Purpose purpose, String userId, String email, Duration ttl) {
        String token = RandomTokens.secret(random);
        if (purpose != Purpose.EMAIL_CHANGE_REVERT) {
            revoke(purpose, userId);
        }
        template.insert(new OneTimeToken(Digests.sha256Hex(token), purpose.name(), userId, email,
                clock.instant().plus(ttl)));
        return token;
    }

    /** Uses the token: its user and address if it exists, has this purpose and has not expired; it is gone after. */
    public Optional<Redeemed> redeem(Purpose purpose, String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return driver.deleteAndGet(OneTimeToken.class, Filters.and(Filters.eq(ID, Digests.sha256Hex(token.strip())),
                        Filters.eq(OneTimeToken.PURPOSE, purpose.name()), Filters.gt(EXPIRES_AT, now)))
                .map(t -> new Redeemed(t.userId(), t.email(), t.expiresAt()));
    }

    /**
     * Puts a used token back, as it was: for a use that failed for a reason of the service's own (hashing busy,
     * {@code 503}), so the person can retry with the same link.
     */
    public void restore(Purpose purpose, String token, Redeemed redeemed) {
        template.insert(new OneTimeToken(Digests.sha256Hex(token.strip()), purpose.name(), redeemed.userId(),
                redeemed.email(), redeemed.expiresAt()));
    }

    /**
     * Voids the user's unused tokens of this purpose that expire after {@code expiresAt}: with one lifetime for all,
     * those issued after the one that did. Taking an email change back voids the ways back from later changes (to
     * addresses the account no longer has), and keeps those from earlier ones.
     */
    public void revokeIssuedAfter(Purpose purpose, String userId, Instant expiresAt) {
        template.select(OneTimeToken.class).where("userId").eq(userId).and("purpose").eq(purpose.name())
                .<OneTimeToken>result().stream().filter(t -> t.expiresAt().isAfter(expiresAt))
                .forEach(t -> template.delete(OneTimeToken.class, t.hash()));
    }

    /** Voids every unused token of this purpose of the user. */
    public void revoke(Purpose purpose, String userId) {
        template.delete(OneTimeToken.class).where("userId").eq(userId).and("purpose").eq(purpose.name()).execute();
    }
}
