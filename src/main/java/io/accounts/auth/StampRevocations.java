package io.accounts.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.UserChanged;
import io.accounts.user.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Revocation by the per-user "tokens valid after" stamp: a token of a deleted user, or issued before the
 * user's last password or role change, fails. Stamps are cached for {@code revocation.cache-seconds} (default
 * 2): a change on this node is seen at once, on another node within that bound.
 */
@ApplicationScoped
public class StampRevocations implements Revocations {

    @Inject
    UserService users;

    @Inject
    @ConfigProperty(name = "revocation.cache-seconds", defaultValue = "2")
    long cacheSeconds;

    private LoadingCache<String, Optional<Stamp>> stamps;

    /** What the cache keeps of a user: the instant before which its tokens are void (null: none). */
    private record Stamp(Instant validAfter) {
    }

    @PostConstruct
    void init() {
        stamps = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(cacheSeconds)).maximumSize(100_000)
                .build(this::load);
    }

    private Optional<Stamp> load(String userId) {
        if (!ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        return users.find(userId).map(user -> new Stamp(user.getTokensValidAfter()));
    }

    @Override
    public void check(JwtPrincipal principal) {
        Optional<Stamp> stamp = stamps.get(principal.subject());
        if (stamp.isEmpty()) {
            throw ApiException.invalidToken("The account of this token no longer exists.");
        }
        Instant validAfter = stamp.get().validAfter();
        Long issuedAt = principal.getClaim("iat");
        if (validAfter != null && (issuedAt == null || Instant.ofEpochSecond(issuedAt).isBefore(validAfter))) {
            throw ApiException.invalidToken("The access token was revoked.");
        }
    }

    void onUserChanged(@Observes UserChanged change) {
        stamps.invalidate(change.userId());
    }
}
