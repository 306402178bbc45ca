package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Failed-login throttling with token buckets (Bucket4j on Caffeine). A wrong current password when changing it
 * counts as a failed login too, or a stolen access token would allow guessing the password at full speed. Every attempt takes a token from each
 * bucket that applies and a success gives them back, so only failures count, atomically:
 * <ul>
 * <li>per account and client address: the tight limit, which only ever blocks the address that guesses;</li>
 * <li>per client address: one address spraying many accounts;</li>
 * <li>per account: a guess spread over many addresses.</li>
 * </ul>
 * The last two do not apply to an address that has logged in to the account successfully (kept 30 days), so
 * neither a spray from the owner's network nor a distributed guess locks the owner out of a usual address.
 * An empty bucket answers 429 with {@code Retry-After}: the seconds until it refills one token. Addresses are
 * keyed by {@link ClientAddress} (IPv6 by /64).
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    @ConfigProperty(name = "login.failures-per-account-address", defaultValue = "5")
    long perPair;

    @Inject
    @ConfigProperty(name = "login.failures-per-address", defaultValue = "100")
    long perAddress;

    @Inject
    @ConfigProperty(name = "login.failures-per-account", defaultValue = "20")
    long perAccount;

    @Inject
    @ConfigProperty(name = "login.throttle-window-seconds", defaultValue = "300")
    long windowSeconds;

    private ProxyManager<String> buckets;
    private Cache<String, Boolean> knownAddresses;

    @PostConstruct
    void init() {
        Duration window = Duration.ofSeconds(windowSeconds);
        // bounded so that a spray of invented emails cannot fill the heap; an evicted bucket starts full again
        buckets = new CaffeineProxyManager<>(Caffeine.newBuilder().maximumSize(20_000), window);
        knownAddresses = Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(30)).maximumSize(20_000).build();
    }

    /** Takes this attempt's tokens, or throws 429 having taken none. Pass the result to the outcome methods. */
    public Attempt begin(String email, String clientAddress) {
        String address = ClientAddress.key(clientAddress);
        List<BucketProxy> taken = new ArrayList<>(3);
        List<BucketProxy> applicable = new ArrayList<>(3);
        applicable.add(bucket("pair:" + email + "|" + address, perPair));
        if (knownAddresses.getIfPresent(email + "|" + address) == null) {
            applicable.add(bucket("addr:" + address, perAddress));
            applicable.add(bucket("acct:" + email, perAccount));
        }
        for (BucketProxy bucket : applicable) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(b -> b.addTokens(1));
                throw Refusals.tooMany("Too many failed logins; retry later.", probe);
            }
            taken.add(bucket);
        }
        return new Attempt(email, address, taken);
    }

    /** A success: the attempt's tokens go back, and this address becomes known for the account. */
    public void succeeded(Attempt attempt) {
        abandoned(attempt);
        knownAddresses.put(attempt.email() + "|" + attempt.address(), Boolean.TRUE);
    }

    /** An attempt that proved nothing (the server was busy): its tokens go back. */
    public void abandoned(Attempt attempt) {
        attempt.taken().forEach(b -> b.addTokens(1));
    }

    private BucketProxy bucket(String key, long capacity) {
        Duration window = Duration.ofSeconds(windowSeconds);
        return buckets.builder().build(key, () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build());
    }

    /** The tokens one login attempt holds. */
    public record Attempt(String email, String address, List<BucketProxy> taken) {
    }
}
