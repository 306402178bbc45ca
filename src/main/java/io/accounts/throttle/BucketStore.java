package io.accounts.throttle;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.MongoErrors;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * Bucket4j's buckets in MongoDB, which every node of a cluster shares, so a limit holds for the cluster and not per
 * node: a bucket is one document {@code {_id: key, state, version, expires_at}}, read, changed in memory by
 * Bucket4j, and written back only if its version is still the one read (compare-and-swap), else Bucket4j retries.
 * {@code expires_at} is when the bucket would be full again: a TTL index removes idle buckets then (a missing bucket
 * is a full one).
 */
final class BucketStore extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final String STATE = "state";
    private static final String VERSION = "version";

    private final MongoCollection<Document> buckets;

    BucketStore(MongoCollection<Document> buckets, ClientSideConfig config) {
        super(config);
        this.buckets = buckets;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            private long version = -1;

            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                Document found = buckets.find(Filters.eq(ID, key)).first();
                if (found == null) {
                    version = -1;
                    return Optional.empty();
                }
                version = found.get(VERSION, Number.class).longValue();
                return Optional.of(found.get(STATE, Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                          Optional<Long> timeoutNanos) {
                Date expires = expiry(newState);
                if (version < 0) {
                    try {
                        buckets.insertOne(new Document(ID, key).append(STATE, new Binary(newData)).append(VERSION, 0L)
                                .append(EXPIRES_AT, expires));
                        return true;
                    } catch (RuntimeException e) {
                        if (MongoErrors.isDuplicateKey(e)) {
                            return false;
                        }
                        throw e;
                    }
                }
                return buckets.updateOne(Filters.and(Filters.eq(ID, key), Filters.eq(VERSION, version)),
                        Updates.combine(Updates.set(STATE, new Binary(newData)), Updates.inc(VERSION, 1L),
                                Updates.set(EXPIRES_AT, expires))).getModifiedCount() == 1;
            }
        };
    }

    private Date expiry(RemoteBucketState state) {
        long now = System.currentTimeMillis();
        long ttl = getClientSideConfig().getExpirationAfterWriteStrategy()
                .map(strategy -> strategy.calculateTimeToLiveMillis(state, currentTimeNanos()))
                .orElse(24L * 3600 * 1000);
        return new Date(now + Math.max(ttl, 0));
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the MongoDB buckets are used synchronously");
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq(ID, key));
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
