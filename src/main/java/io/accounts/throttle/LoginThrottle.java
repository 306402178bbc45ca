package io.accounts.throttle;

import io.accounts.platform.ApiException;
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
 * the password at full speed. Only failures count: an attempt is held against each bucket that applies while it runs
 * ({@link Quota#reserve}: parallel attempts on a node pass no more than the bucket holds) and takes a token from each
 * only when it fails, so a successful login reads the buckets (when they exist) and writes nothing:
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

    /**
     * Holds this attempt against its buckets, or throws 429 having held none. End it with one of the
     * {@link Attempt}'s methods; closing it without one counts it as failed (so an unexpected error fails closed).
     */
    public Attempt begin(String email, String clientAddress) {
        String address = ClientAddress.key(clientAddress);
        List<Quota.Reservation> held = new ArrayList<>(3);
        try {
            held.add(pairs.reserve(email + "|" + address));
            if (!store.isKnown(email + "|" + address)) {
                held.add(addresses.reserve(address));
                held.add(accounts.reserve(email));
            }
        } catch (RuntimeException refused) {
            held.forEach(Quota.Reservation::released);
            throw refused;
        }
        return new Attempt(email, address, held);
    }

    /**
     * Holds a sign-in attempt that names no account (a passkey says whose it is only once verified): against the
     * per-address bucket only, or 429 having held nothing.
     */
    public Attempt beginWithoutAccount(String clientAddress) {
        String address = ClientAddress.key(clientAddress);
        return new Attempt(null, address, List.of(addresses.reserve(address)));
    }

    /**
     * Checks a proof of the account other than a login (its current password, a code) as a login attempt: 429
     * before checking when this account's or address's throttle is spent; nothing counted when the proof holds, or
     * when it could not be checked (the server busy, rethrown); a wrong proof counts as a failed login.
     */
    public boolean proves(String email, String clientAddress, BooleanSupplier proof) {
        try (Attempt attempt = begin(email, clientAddress)) {
            boolean right;
            try {
                right = proof.getAsBoolean();
            } catch (ApiException busy) {
                attempt.abandoned();
                throw busy;
            }
            if (right) {
                attempt.succeeded();
            }
            return right;
        }
    }

    /** One login attempt, held against its buckets until it ends, once: succeeded, abandoned or failed. */
    public final class Attempt implements AutoCloseable {

        private final String email;
        private final String address;
        private final List<Quota.Reservation> held;

        private Attempt(String email, String address, List<Quota.Reservation> held) {
            this.email = email;
            this.address = address;
            this.held = held;
        }

        /** A success: nothing is counted, and this address becomes known for the account. */
        public void succeeded() {
            abandoned();
            if (email != null) {
                store.remember(email + "|" + address);
            }
        }

        /** An attempt that proved nothing (the server was busy, the account not verified): nothing is counted. */
        public void abandoned() {
            held.forEach(Quota.Reservation::released);
        }

        /** A failure: a token is taken from each bucket the attempt was held against. */
        public void failed() {
            RuntimeException first = null;
            for (Quota.Reservation reservation : held) {
                try {
                    reservation.failed();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        /** Counts the attempt as failed unless it ended otherwise. */
        @Override
        public void close() {
            failed();
        }
    }
}
