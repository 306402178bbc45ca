package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.DatabaseSetup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keys this node signs and verifies with. HS256: one key from {@code SECRET_KEY} (random when unset).
 * ES256/RS256: the keys in MongoDB, generated on first start, re-read every {@code jwt.keys-refresh-seconds}
 * and whenever a token names a kid this node has not seen (at most once a second), so nodes converge. A rotated
 * key is published (in the JWKS) {@code jwt.key-publish-seconds} before it signs, so that verifiers which cache the
 * JWKS for its {@code max-age} and never refetch on an unknown kid (Payara's MP-JWT) know it before they see it.
 */
@ApplicationScoped
public class KeyRing implements DatabaseSetup {

    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());
    private static final Duration MISS_RELOAD_GAP = Duration.ofSeconds(1);

    @Inject
    JwtConfig config;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    @Inject
    SigningKeyStore store;

    @Inject
    SecurityEvents events;

    @Inject
    @ConfigProperty(name = "jwt.key-encryption-key")
    Optional<String> keyEncryptionKey;

    @Inject
    @ConfigProperty(name = "jwt.keys-refresh-seconds", defaultValue = "10")
    long refreshSeconds;

    @Inject
    @ConfigProperty(name = "jwt.key-publish-seconds", defaultValue = "60")
    long publishSeconds;

    @Inject
    @ConfigProperty(name = "jwt.crypto-provider", defaultValue = "auto")
    String cryptoProvider;

    /** The stored keys (ES256, RS256); null with HS256. */
    private SealedKeys sealed;
    private Instant lastMissReload = Instant.MIN;
    private volatile Ring ring = Ring.EMPTY;

    @PostConstruct
    void init() {
        Optional<Provider> provider = CryptoProvider.select(cryptoProvider);
        if (JWSAlgorithm.HS256.equals(config.algorithm())) {
            ring = Ring.of(KeyFactory.hmac(config.secret().orElseGet(this::randomSecret), provider));
            return;
        }
        sealed = SealedKeys.open(store, keyEncryptionKey, config, provider);
    }

    /** The first key, when the database has none. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public void setUp() {
        if (sealed != null) {
            reload();
            if (ring.active() == null) {
                rotate(true);
            }
        }
    }

    public SigningKey active() {
        Ring current = current();
        if (current.active() == null) {
            throw new IllegalStateException("no active signing key");
        }
        return current.active();
    }

    public Optional<SigningKey> find(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        Ring current = current();
        SigningKey key = current.byKid().get(kid);
        if (key == null && sealed != null) {
            key = reloadOnMiss().byKid().get(kid);
        }
        return Optional.ofNullable(key).filter(k -> k.verifiesAt(clock.instant()));
    }

    /** The public keys that verify now, active first: the JWKS. */
    public List<JWK> publicJwks() {
        Instant now = clock.instant();
        return current().byKid().values().stream().filter(k -> k.verifiesAt(now))
                .flatMap(k -> k.publicJwk().stream()).toList();
    }

    /** Every stored key, for administrators (the material stays inside). */
    public List<StoredKey> list() {
        requireAsymmetric();
        return store.all();
    }

    /**
     * Makes a new key: published now, signing from {@code jwt.key-publish-seconds} on (at once when
     * {@code immediately}, for a compromised key); the key it replaces keeps verifying until every token it signed
     * has expired.
     */
    public synchronized StoredKey rotate(boolean immediately) {
        requireAsymmetric();
        Instant now = clock.instant();
        Instant activation = immediately ? now : now.plusSeconds(publishSeconds);
        StoredKey key = sealed.generate(now, activation);
        String kid = key.kid();
        store.insert(key);
        events.record(EventType.KEY_ROTATE, null, Map.of("kid", kid, "signing_from", activation.toString()));
        LOG.info(() -> "new signing key " + kid + " (" + config.algorithm() + "), published now, signing from "
                + activation);
        reload();
        return key;
    }

    /** Retires a retiring key at once (a compromised key): its tokens stop verifying here and it leaves the JWKS. */
    public synchronized void retire(String kid) {
        requireAsymmetric();
        switch (store.retire(kid, clock.instant())) {
            case ACTIVE -> throw ApiException.conflict("This key is the active signing key: rotate first, then"
                    + " retire it.");
            case NOT_FOUND -> throw ApiException.notFound("No retiring key has this id.");
            case RETIRED -> LOG.info(() -> "signing key " + kid + " retired");
        }
        events.record(EventType.KEY_RETIRE, null, Map.of("kid", kid));
        reload();
    }

    private Ring current() {
        Ring current = ring;
        Instant now = clock.instant();
        if (sealed != null && !now.isBefore(current.nextActivation())) {
            return reloadIfReadBefore(current.nextActivation());
        }
        if (sealed != null && now.isAfter(current.readAt().plusSeconds(refreshSeconds))) {
            return reloadIfReadBefore(now.minusSeconds(refreshSeconds));
        }
        return current;
    }

    /**
     * Re-reads the keys for a kid this node does not know (another node rotated with {@code immediately}): at once,
     * however recently the periodic refresh ran, but at most once per {@link #MISS_RELOAD_GAP}, so tokens with
     * invented kids cannot make every request a database read.
     */
    private synchronized Ring reloadOnMiss() {
        Instant now = clock.instant();
        if (lastMissReload.isAfter(now.minus(MISS_RELOAD_GAP))) {
            return ring;
        }
        lastMissReload = now;
        return reload();
    }

    /** Re-reads the keys unless another thread did since {@code threshold}. */
    private synchronized Ring reloadIfReadBefore(Instant threshold) {
        return ring.readAt().isAfter(threshold) ? ring : reload();
    }

    private synchronized Ring reload() {
        ring = sealed.read(ring, clock.instant());
        return ring;
    }

    private void requireAsymmetric() {
        if (sealed == null) {
            throw ApiException.conflict("Keys rotate only with ES256 or RS256; HS256 uses SECRET_KEY.");
        }
    }

    private byte[] randomSecret() {
        LOG.warning("jwt.secret (SECRET_KEY) is not set: signing with a random key; every token dies with"
                + " this process. Set SECRET_KEY (32+ bytes) to keep tokens valid across restarts and nodes.");
        return KeyFactory.randomSecret(random);
    }
}
