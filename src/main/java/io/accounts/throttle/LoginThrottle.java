package io.accounts.throttle;

import io.accounts.platform.ApiException;
import io.github.bucket4j.distributed.BucketProxy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Failed-login throttling with token buckets (Bucket4j, in the {@link ThrottleStore} every node shares). A wrong
 * current password when changing it counts as a failed login too, or a stolen access token would allow guessing
 * the password at full speed. Every attempt takes a token from each bucket that applies and a success gives them back, so only failures count, atomically:
 * <ul>
 * <li>per account and client address: the tight limit, which only ever blocks the address that guesses;</li>
 * <li>per client address: one address spraying many accounts;</li>
 * <li>per account: a guess spread over many addresses.</li>
 * </ul>
 * The last two do not apply to an address that has logged in to the account successfully (kept 30 days), so
 * neither a spray from the owner's network nor a distributed guess locks the owner out of a usual address.
 * Buckets and known addresses live in the shared database, so the counts hold for a cluster: failures spread
 * over every node behind a balancer meet 429 at the same count as on one node.
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

    @Inject
    ThrottleStore store;

    private Quota pairs;
    private Quota addresses;
    private Quota accounts;

    @PostConstruct
    void init() {
        Duration window = Duration.ofSeconds(windowSeconds);
        String later = "Too many failed logins; retry later.";
        pairs = new Quota(store.buckets(), "login.failures-per-account-address", perPair, window, later);
        addresses = new Quota(store.buckets(), "login.failures-per-address", perAddress, window, later);
        accounts = new Quota(store.buckets(), "login.failures-per-account", perAccount, window, later);
    }

    /** Takes this attempt's tokens, or throws 429 having taken none. Pass the result to the outcome methods. */
    public Attempt begin(String email, String clientAddress) {
        String address = ClientAddress.key(clientAddress);
        List<BucketProxy> taken = new ArrayList<>(3);
        try {
            taken.add(pairs.take(email + "|" + address));
            if (!store.isKnown(email + "|" + address)) {
                taken.add(addresses.take(address));
                taken.add(accounts.take(email));
            }
        } catch (RuntimeException refused) {
            taken.forEach(b -> b.addTokens(1));
            throw refused;
        }
        return new Attempt(email, address, taken);
    }

    /**
     * Takes a sign-in attempt that names no account (a passkey says whose it is only once verified): the per-address
     * bucket only, or 429 having taken nothing.
     */
    public Attempt beginWithoutAccount(String clientAddress) {
        String address = ClientAddress.key(clientAddress);
        return new Attempt(null, address, List.of(addresses.take(address)));
    }

    /**
     * Checks a proof of the account other than a login (its current password, a code) as a login attempt: 429
     * before checking when this account's or address's throttle is spent; its tokens back when the proof holds, or
     * when it could not be checked (the server busy, rethrown); a wrong proof keeps them, as a failed login does.
     */
    public boolean proves(String email, String clientAddress, BooleanSupplier proof) {
        Attempt attempt = begin(email, clientAddress);
        boolean right;
        try {
            right = proof.getAsBoolean();
        } catch (ApiException busy) {
            abandoned(attempt);
            throw busy;
        }
        if (right) {
            succeeded(attempt);
        }
        return right;
    }

    /** A success: the attempt's tokens go back, and this address becomes known for the account. */
    public void succeeded(Attempt attempt) {
        abandoned(attempt);
        if (attempt.email() != null) {
            store.remember(attempt.email() + "|" + attempt.address());
        }
    }

    /** An attempt that proved nothing (the server was busy): its tokens go back. */
    public void abandoned(Attempt attempt) {
        attempt.taken().forEach(b -> b.addTokens(1));
    }

    /** The tokens one login attempt holds. */
    public record Attempt(String email, String address, List<BucketProxy> taken) {
    }
}
