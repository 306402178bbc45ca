package io.accounts.user;

import io.accounts.platform.Meters;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.Optional;

/**
 * Users as read by id on the hot paths (the authorizer's revocation check, {@code GET /user/{id}}, token
 * refresh), kept for {@code revocation.cache-seconds} (default 2). A change on this node drops the entry at
 * once ({@link UserChanged}); another node sees it within that bound. Entries are never modified.
 */
@ApplicationScoped
public class UserCache {

    @Inject
    UserRepository users;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "revocation.cache-seconds", defaultValue = "2")
    long seconds;

    private LoadingCache<String, Optional<User>> cache;

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(seconds)).maximumSize(20_000).recordStats()
                .build(id -> UserIds.isValid(id) ? users.findById(id) : Optional.empty());
        Meters.register(() -> metrics.gauge(Meters.described("accounts_user_cache_hit_ratio",
                "share of user lookups answered from this node's cache"), cache, c -> c.stats().hitRate()));
    }

    public Optional<User> find(String id) {
        return cache.get(id);
    }

    void onChanged(@Observes UserChanged change) {
        cache.invalidate(change.userId());
    }
}
