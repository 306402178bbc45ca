package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * So many actions per key per window: a Bucket4j token bucket per key, refilled over the window, kept where the
 * {@link ProxyManager} keeps it (the shared {@link ThrottleStore}); past it, 429 with {@code Retry-After}. Each
 * quota has its own key prefix, so two quotas never share a bucket.
 * <p>
 * A key found empty is remembered on this node for at most {@link #LOCAL_MEMORY}: a flood against one key is
 * refused from memory, costing the shared database one look per node per second instead of one per request.
 * Tokens given back meanwhile (attempts that succeeded) count again after that second at the latest.
 */
public final class Quota {

    static final Duration LOCAL_MEMORY = Duration.ofSeconds(1);

    private final String prefix;
    private final String refusal;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    /** Keys found empty here: until when (System.nanoTime()) and the Retry-After that was given. */
    private final Cache<String, long[]> emptyHere = Caffeine.newBuilder().expireAfterWrite(LOCAL_MEMORY)
            .maximumSize(20_000).build();

    Quota(ProxyManager<String> buckets, String setting, long perWindow, Duration window, String refusal) {
        if (perWindow < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(setting + " must allow at least 1 per window of at least 1 second");
        }
        this.prefix = setting + ':';
        this.refusal = refusal;
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perWindow).refillGreedy(perWindow, window)).build();
    }

    /** Counts one action of this key and returns its bucket (to give the token back), or throws 429. */
    public BucketProxy take(String key) {
        long[] empty = emptyHere.getIfPresent(key);
        if (empty != null && empty[0] - System.nanoTime() > 0) {
            throw Refusals.tooMany(refusal, empty[1]);
        }
        BucketProxy bucket = buckets.builder().build(prefix + key, () -> configuration);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = probe.getNanosToWaitForRefill();
            emptyHere.put(key, new long[] {System.nanoTime() + Math.min(wait, LOCAL_MEMORY.toNanos()),
                    TimeUnit.NANOSECONDS.toSeconds(wait) + 1});
            throw Refusals.tooMany(refusal, TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
        }
        return bucket;
    }
}
