package io.accounts.passkey;

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
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code webauthn_challenges} collection ({@link Challenge}): a challenge is 256 random bits; using it deletes it
 * in the same operation (find-and-delete), so each ceremony ends once, on whichever node.
 */
@ApplicationScoped
public class ChallengeStore implements DatabaseSetup {

    /** No user: a sign-in's challenge. */
    private static final String NOBODY = "";

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
        driver.expiryIndex(Challenge.class, "expired", EXPIRES_AT, 0);
    }

    /** A new challenge for this ceremony (and user, for a registration), valid for {@code ttl}: base64url. */
    String issue(Challenge.Ceremony ceremony, String userId, Duration ttl) {
        String challenge = RandomTokens.secret(random);
        template.insert(new Challenge(Digests.sha256Hex(challenge), ceremony.name(), userId == null ? NOBODY : userId,
                clock.instant().plus(ttl)));
        return challenge;
    }

    /**
     * Uses the challenge (base64url): the user it was issued for ({@code ""} for a sign-in) if it exists, is for this
     * ceremony and has not expired; it is gone after, whatever the ceremony's outcome.
     */
    Optional<String> redeem(Challenge.Ceremony ceremony, String challenge) {
        if (challenge == null || challenge.isEmpty() || challenge.length() > 128) {
            return Optional.empty();
        }
        return driver.deleteAndGet(Challenge.class, Filters.and(Filters.eq(ID, Digests.sha256Hex(challenge)),
                        Filters.eq(Challenge.CEREMONY, ceremony.name()), Filters.gt(EXPIRES_AT, clock.instant())))
                .map(Challenge::userId);
    }
}
