package io.accounts.throttle;

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

    @Inject
    ThrottleStore store;

    private Quota quota;

    @PostConstruct
    void init() {
        quota = new Quota(store.buckets(), "registration.per-address", perAddress, Duration.ofSeconds(windowSeconds),
                "Too many registrations from this address; retry later.");
    }

    /** Counts one registration from this address, or throws 429 when its window is used up. */
    public void take(String address) {
        quota.take(ClientAddress.key(address));
    }
}
