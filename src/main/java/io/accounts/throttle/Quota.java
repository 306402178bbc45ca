package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * So many actions per key per window: a Bucket4j token bucket per key, refilled over the window, kept where the
 * {@link ProxyManager} keeps it (the shared {@link ThrottleStore}); past it, 429 with {@code Retry-After}. Each
 * quota has its own key prefix, so two quotas never share a bucket.
 * <p>
 * A key found empty is remembered on this node for at most {@link #LOCAL_MEMORY}: a flood against one key is
 * refused from memory, costing the shared database one look per node per second instead of one per request.
 * <p>
 * Two ways to count: {@link #take} counts every action (a write per action); {@link #reserve} counts only the
 * actions that fail (failed logins), so that a success writes nothing: the attempt is held on this node while it
 * runs (so parallel attempts on one node never pass more than the bucket holds, as if each had taken a token), the
 * bucket is only read (a missing bucket is a full one, and stays missing), and a token is taken when the attempt
 * fails. Across nodes, attempts running at the same instant on different nodes can each see the last token; the
 * bucket then goes into debt by the surplus (Bucket4j's {@code consumeIgnoringRateLimits}), which delays the
 * next attempt by as much: the count stays exact, only its enforcement can lag by the attempts in flight.
 */
public final class Quota {

    static final Duration LOCAL_MEMORY = Duration.ofSeconds(1);

    private final String prefix;
    private final String refusal;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final long capacity;
    private final long windowNanos;
    /** Reserved attempts running on this node, per key. */
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();
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
        this.capacity = perWindow;
        this.windowNanos = window.toNanos();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perWindow).refillGreedy(perWindow, window)).build();
    }

    /** Counts one action of this key, or throws 429. */
    public void take(String key) {
        refuseIfEmptyHere(key);
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refused(key, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Holds one attempt of this key that counts only if it fails ({@link Reservation#failed}), or throws 429 when
     * the bucket's tokens are spent by failures and by the attempts already held here. Reads the bucket at most once
     * (not at all when it is known empty on this node) and writes nothing.
     */
    public Reservation reserve(String key) {
        refuseIfEmptyHere(key);
        long ahead = held.merge(key, 1, Integer::sum) - 1;
        try {
            if (ahead >= capacity) {
                throw Refusals.tooMany(refusal, 1);
            }
            if (buckets.getProxyConfiguration(prefix + key).isPresent()) {
                EstimationProbe probe = bucket(key).estimateAbilityToConsume(ahead + 1);
                if (!probe.canBeConsumed()) {
                    throw ahead == 0 ? refused(key, probe.getNanosToWaitForRefill())
                            : Refusals.tooMany(refusal, retryAfterSeconds(probe.getNanosToWaitForRefill()));
                }
            }
        } catch (RuntimeException refused) {
            release(key);
            throw refused;
        }
        return new Reservation(key);
    }

    private void release(String key) {
        held.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    private BucketProxy bucket(String key) {
        return buckets.builder().build(prefix + key, () -> configuration);
    }

    private void refuseIfEmptyHere(String key) {
        long[] empty = emptyHere.getIfPresent(key);
        if (empty != null && empty[0] - System.nanoTime() > 0) {
            throw Refusals.tooMany(refusal, empty[1]);
        }
    }

    /** Remembers the key as empty here for at most a second, and the 429 that says so. */
    private RuntimeException refused(String key, long waitNanos) {
        long retryAfter = retryAfterSeconds(waitNanos);
        emptyHere.put(key, new long[] {System.nanoTime() + Math.min(waitNanos, LOCAL_MEMORY.toNanos()), retryAfter});
        return Refusals.tooMany(refusal, retryAfter);
    }

    /** Whole seconds until the wait is over, at most one window (a bucket in debt, or more tokens than it holds). */
    private long retryAfterSeconds(long waitNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(Math.min(waitNanos, windowNanos)) + 1;
    }

    /** One attempt held by {@link #reserve}: it ends once, failed (a token taken) or released (nothing written). */
    public final class Reservation {

        private final String key;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Reservation(String key) {
            this.key = key;
        }

        /** The attempt failed: a token is taken from the shared bucket (into debt if another node took the last). */
        public void failed() {
            if (ended.compareAndSet(false, true)) {
                try {
                    bucket(key).consumeIgnoringRateLimits(1);
                } finally {
                    release(key);
                }
            }
        }

        /** The attempt succeeded, or proved nothing: nothing is counted. */
        public void released() {
            if (ended.compareAndSet(false, true)) {
                release(key);
            }
        }
    }
}
