package io.accounts.throttle;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Registrations per client address ({@link ClientAddress}: IPv6 by /64): {@code registration.per-address} per
 * {@code registration.window-seconds}, then 429 with {@code Retry-After}. Taken before the password is hashed, so a
 * flood costs neither hashing time nor junk accounts.
 */
@ApplicationScoped
public class RegistrationThrottle {

    @Inject
    @ConfigProperty(name = "registration.per-address", defaultValue = "20")
    long perAddress;

    @Inject
    @ConfigProperty(name = "registration.window-seconds", defaultValue = "3600")
    long windowSeconds;

    private ProxyManager<String> buckets;

    @PostConstruct
    void init() {
        if (perAddress < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("registration.per-address and registration.window-seconds must be"
                    + " at least 1");
        }
        buckets = new CaffeineProxyManager<>(Caffeine.newBuilder().maximumSize(20_000),
                Duration.ofSeconds(windowSeconds));
    }

    /** Counts one registration from this address, or throws 429 when its window is used up. */
    public void take(String address) {
        ConsumptionProbe probe = buckets.builder().build(ClientAddress.key(address), () -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(perAddress)
                                .refillGreedy(perAddress, Duration.ofSeconds(windowSeconds))).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw Refusals.tooMany("Too many registrations from this address; retry later.", probe);
        }
    }
}
