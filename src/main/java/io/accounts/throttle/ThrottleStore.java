package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.accounts.platform.store.DatabaseSetup;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * What the throttles remember, in the database every node shares, so that a limit holds for the cluster and not
 * per node behind a round-robin balancer: the token buckets ({@code throttle_buckets}, {@link BucketStore}) and
 * the addresses that logged in to an account before ({@code known_addresses}). TTL indexes remove both when they
 * no longer matter (a bucket once it would be full again, an address after 30 days); until the database's TTL
 * monitor runs, an expired bucket is simply a full one and an expired address is ignored on read.
 */
@ApplicationScoped
public class ThrottleStore implements DatabaseSetup {

    static final String BUCKETS = "throttle_buckets";
    static final String KNOWN = "known_addresses";
    static final Duration KNOWN_FOR = Duration.ofDays(30);

    @Inject
    MongoDatabase database;

    private ProxyManager<String> buckets;
    /**
     * Addresses this node wrote as known in the last minutes: a login from one of them costs no database read, and
     * the 30 days are pushed back at most once per node in that time, not on every login.
     */
    private final Cache<String, Boolean> knownHere = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(20_000).build();

    @PostConstruct
    void init() {
        buckets = new BucketStore(database.getCollection(BUCKETS), ClientSideConfig.getDefault()
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
    }

    @Override
    public void setUp() {
        IndexOptions expiring = new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS);
        database.getCollection(BUCKETS).createIndex(Indexes.ascending(EXPIRES_AT), expiring);
        database.getCollection(KNOWN).createIndex(Indexes.ascending(EXPIRES_AT), expiring);
    }

    /** The token buckets every node shares. */
    ProxyManager<String> buckets() {
        return buckets;
    }

    boolean isKnown(String key) {
        if (knownHere.getIfPresent(key) != null) {
            return true;
        }
        return known().find(Filters.and(Filters.eq(ID, key), Filters.gt(EXPIRES_AT, new Date()))).first() != null;
    }

    void remember(String key) {
        if (knownHere.getIfPresent(key) != null) {
            return;
        }
        known().replaceOne(Filters.eq(ID, key), new Document(ID, key)
                .append(EXPIRES_AT, new Date(System.currentTimeMillis() + KNOWN_FOR.toMillis())),
                new ReplaceOptions().upsert(true));
        knownHere.put(key, Boolean.TRUE);
    }

    private MongoCollection<Document> known() {
        return database.getCollection(KNOWN);
    }
}
