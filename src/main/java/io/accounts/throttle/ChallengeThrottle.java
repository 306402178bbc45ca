package io.accounts.throttle;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Passkey sign-in challenges per client address: {@code webauthn.challenges-per-address} a minute, then 429 with
 * {@code Retry-After}. Each challenge is a stored document that anyone may ask for, so a flood costs neither disk
 * nor the other addresses' sign-ins.
 */
@ApplicationScoped
public class ChallengeThrottle {

    @Inject
    @ConfigProperty(name = "webauthn.challenges-per-address", defaultValue = "30")
    long perAddress;

    @Inject
    ThrottleStore store;

    private Quota quota;

    @PostConstruct
    void init() {
        quota = new Quota(store.buckets(), "webauthn.challenges-per-address", perAddress, Duration.ofMinutes(1),
                "Too many passkey sign-ins begun from this address; retry later.");
    }

    /** Counts one challenge for this address, or throws 429 when its minute is used up. */
    public void take(String address) {
        quota.take(ClientAddress.key(address));
    }
}
