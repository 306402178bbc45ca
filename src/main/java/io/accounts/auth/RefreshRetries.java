package io.accounts.auth;

import io.accounts.keys.SealedSecrets;
import io.accounts.platform.ApiException;
import io.accounts.user.TokenOwners;
import io.accounts.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

/**
 * The reuse grace ({@code refresh.reuse-grace-seconds}, off by default): a client whose answer to a rotation was
 * lost may present the same refresh token again within the grace and gets the same pair, never a second chain.
 * The pair a won rotation answers is kept in its family, sealed; outside the grace, or once the family ended or moved
 * on, the retry is a reuse ({@link RefreshTokens}).
 */
@ApplicationScoped
public class RefreshRetries {

    /** A retry that arrives before the first answer's pair is written looks this often, this long apart. */
    private static final int REPEAT_LOOKS = 20;
    private static final long REPEAT_PAUSE_MILLIS = 25;

    @Inject
    RefreshFamilyStore families;

    @Inject
    TokenOwners owners;

    @Inject
    SealedSecrets secrets;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "refresh.reuse-grace-seconds", defaultValue = "0")
    long graceSeconds;

    /** Keeps the pair a won rotation answers, sealed, for a retry within the grace (nothing without a grace). */
    void remember(RefreshTokens.Rotation rotation, TokenPair pair) {
        if (graceSeconds <= 0 || rotation.repeat() != null) {
            return;
        }
        String family = rotation.session().id();
        families.rememberSuccessor(family, rotation.retired(), secrets.seal(sealedFor(family),
                pair.token() + " " + pair.refreshToken() + " " + pair.expiresIn()));
    }

    /**
     * A retry of the family's last rotation (the one that retired {@code generation}) within the grace: that
     * rotation's pair again; empty when it is not one. The pair is written just after the rotation it answers; a retry
     * that arrives in between waits for it, briefly.
     */
    Optional<RefreshTokens.Rotation> repeated(String family, long generation) {
        if (graceSeconds <= 0) {
            return Optional.empty();
        }
        for (int look = 0; look < REPEAT_LOOKS; look++) {
            Optional<RefreshFamily> found = families.find(family);
            if (found.isEmpty() || !found.get().active(clock.instant())
                    || !Long.valueOf(generation + 1).equals(found.get().generation())
                    || found.get().lastUsedAt() == null
                    || clock.instant().isAfter(found.get().lastUsedAt().plusSeconds(graceSeconds))) {
                return Optional.empty();
            }
            RefreshFamily current = found.get();
            if (String.valueOf(generation).equals(current.successorOf()) && current.successor() != null) {
                String[] parts = secrets.open(sealedFor(family), current.successor()).split(" ");
                User user = owners.currentTokenOwner(current.userId());
                if (user.getTokenVersion() > current.tokenVersion()) {
                    return Optional.empty();
                }
                return Optional.of(new RefreshTokens.Rotation(user, current.session(), parts[1], generation,
                        new TokenPair(parts[0], parts[1], "Bearer", Long.parseLong(parts[2])), current.clientId(),
                        current.scope()));
            }
            pause();
        }
        // the first answer is still being written: no pair to give, and no theft either
        throw ApiException.invalidToken(RefreshTokens.REFUSED);
    }

    private static void pause() {
        try {
            Thread.sleep(REPEAT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalidToken(RefreshTokens.REFUSED);
        }
    }

    private static String sealedFor(String family) {
        return "refresh:" + family;
    }
}
