package io.accounts.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.accounts.platform.ApiException;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.User;
import io.accounts.user.UserChanged;
import io.accounts.user.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Revocation by the per-user "tokens valid after" stamp (a counter, see {@code User}): a token of a deleted
 * user, or issued before the user's last password or role change, fails. Stamps are cached for {@code revocation.cache-seconds} (default
 * 2): a change on this node is seen at once, on another node within that bound.
 */
@ApplicationScoped
public class StampRevocations implements Revocations {

    @Inject
    UserService users;

    @Inject
    @ConfigProperty(name = "revocation.cache-seconds", defaultValue = "2")
    long cacheSeconds;

    private LoadingCache<String, Optional<Long>> stamps;

    @PostConstruct
    void init() {
        stamps = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(cacheSeconds)).maximumSize(100_000)
                .build(this::load);
    }

    private Optional<Long> load(String userId) {
        if (!ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        return users.find(userId).map(User::getTokenVersion);
    }

    @Override
    public void check(JwtPrincipal principal) {
        Optional<Long> current = stamps.get(principal.subject());
        if (current.isEmpty()) {
            throw ApiException.invalidToken("The account of this token no longer exists.");
        }
        Object carried = principal.getClaim(AccessTokens.TOKEN_VERSION);
        long version = carried instanceof Number number ? number.longValue() : 0;
        if (version < current.get()) {
            throw ApiException.invalidToken("The access token was revoked.");
        }
    }

    void onUserChanged(@Observes UserChanged change) {
        stamps.invalidate(change.userId());
    }
}
