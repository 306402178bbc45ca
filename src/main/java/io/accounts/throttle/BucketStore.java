package io.accounts.throttle;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DriverCalls;
import io.accounts.platform.store.MongoErrors;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.types.Binary;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;
import static io.accounts.throttle.Bucket.STATE;
import static io.accounts.throttle.Bucket.VERSION;

/**
 * Bucket4j's buckets in MongoDB, which every node of a cluster shares, so a limit holds for the cluster and not per
 * node: a bucket is one {@link Bucket}, read, changed in memory by Bucket4j, and written back only if its version
 * is still the one read (compare-and-swap), else Bucket4j retries.
 */
final class BucketStore extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final DocumentTemplate template;
    private final DriverCalls driver;

    BucketStore(DocumentTemplate template, DriverCalls driver, ClientSideConfig config) {
        super(config);
        this.template = template;
        this.driver = driver;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            private long version = -1;

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Optional<Bucket> found = template.find(Bucket.class, key);
                version = found.map(Bucket::version).orElse(-1L);
                return found.map(Bucket::state);
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                Instant expires = expiry(newState);
                if (version < 0) {
                    try {
                        template.insert(new Bucket(key, newData, 0L, expires));
                        return true;
                    } catch (RuntimeException e) {
                        if (MongoErrors.isDuplicateKey(e)) {
                            return false;
                        }
                        throw e;
                    }
                }
                return driver.updateWhere(Bucket.class, Filters.and(Filters.eq(ID, key), Filters.eq(VERSION, version)),
                        Updates.combine(Updates.set(STATE, new Binary(newData)), Updates.inc(VERSION, 1L),
                                Updates.set(EXPIRES_AT, expires)));
            }
        };
    }

    private Instant expiry(RemoteBucketState state) {
        long now = System.currentTimeMillis();
        long ttl = getClientSideConfig().getExpirationAfterWriteStrategy()
                .map(strategy -> strategy.calculateTimeToLiveMillis(state, currentTimeNanos()))
                .orElse(24L * 3600 * 1000);
        return Instant.ofEpochMilli(now + Math.max(ttl, 0));
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the MongoDB buckets are used synchronously");
    }

    @Override
    public void removeProxy(String key) {
        template.delete(Bucket.class, key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        removeProxy(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }
}
