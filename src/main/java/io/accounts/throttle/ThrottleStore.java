package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Duration;
import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * What the throttles remember, in the database every node shares, so that a limit holds for the cluster and not
 * per node behind a round-robin balancer: the token buckets ({@link Bucket}, through {@link BucketStore}) and
 * the addresses that logged in to an account before ({@link KnownAddress}). TTL indexes remove both when they
 * no longer matter (a bucket once it would be full again, an address after 30 days); until the database's TTL
 * monitor runs, an expired bucket is simply a full one and an expired address is ignored on read.
 */
@ApplicationScoped
public class ThrottleStore implements DatabaseSetup {

    static final Duration KNOWN_FOR = Duration.ofDays(30);

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    private ProxyManager<String> buckets;
    /**
     * Addresses this node wrote as known in the last minutes: a login from one of them costs no database read, and
     * the 30 days are pushed back at most once per node in that time, not on every login.
     */
    private final Cache<String, Boolean> knownHere = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(20_000).build();

    @PostConstruct
    void init() {
        buckets = new BucketStore(template, driver, ClientSideConfig.getDefault()
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
    }

    @Override
    public void setUp() {
        driver.expiryIndex(Bucket.class, "expiry", EXPIRES_AT, 0);
        driver.expiryIndex(KnownAddress.class, "expiry", EXPIRES_AT, 0);
    }

    /** The token buckets every node shares. */
    ProxyManager<String> buckets() {
        return buckets;
    }

    boolean isKnown(String key) {
        if (knownHere.getIfPresent(key) != null) {
            return true;
        }
        Instant now = Instant.now();
        return template.find(KnownAddress.class, key).filter(known -> known.expiresAt().isAfter(now)).isPresent();
    }

    void remember(String key) {
        if (knownHere.getIfPresent(key) != null) {
            return;
        }
        driver.upsert(KnownAddress.class, Filters.eq(ID, key), Updates.set(EXPIRES_AT, Instant.now().plus(KNOWN_FOR)));
        knownHere.put(key, Boolean.TRUE);
    }
}
