package io.accounts.keys;

import java.security.Provider;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The asymmetric keys as MongoDB holds them, their private and public material sealed with
 * {@code jwt.key-encryption-key}: a new key sealed for storing, and the stored keys read into a {@link Ring}, with
 * the state changes a read finds due (keys past their end retired, keys replaced by a newer due key set to retire)
 * and material written an earlier way re-sealed the current way.
 */
final class SealedKeys {

    private static final Logger LOG = Logger.getLogger(SealedKeys.class.getName());

    private final SigningKeyStore store;
    private final KeyCipher cipher;
    private final JwtConfig config;
    private final Optional<Provider> provider;

    /** The keys of this store, sealed with the key-encryption key when one is set (a warning when not). */
    static SealedKeys open(SigningKeyStore store, Optional<String> keyEncryptionKey, JwtConfig config,
                           Optional<Provider> provider) {
        KeyCipher cipher = new KeyCipher(keyEncryptionKey);
        if (!cipher.encrypts()) {
            LOG.warning("jwt.key-encryption-key is not set: private signing keys are stored unencrypted in MongoDB,"
                    + " protected only by the database's access control");
        }
        return new SealedKeys(store, cipher, config, provider);
    }

    private SealedKeys(SigningKeyStore store, KeyCipher cipher, JwtConfig config, Optional<Provider> provider) {
        this.store = store;
        this.cipher = cipher;
        this.config = config;
        this.provider = provider;
    }

    /** A new key of the configured algorithm, sealed, signing from {@code activation} on. */
    StoredKey generate(Instant now, Instant activation) {
        String jwk = KeyFactory.generate(config.algorithm());
        String kid = KeyFactory.kidOf(jwk);
        return new StoredKey(kid, config.algorithm().getName(), cipher.seal(kid, jwk),
                cipher.seal(kid, KeyFactory.publicOf(jwk)), StoredKey.ACTIVE, now, activation, null);
    }

    /** The keys as stored now; a key of {@code previous} is reused unless its state changed (no decryption). */
    Ring read(Ring previous, Instant now) {
        if (previous.byKid().values().stream().anyMatch(k -> k.notAfter() != null && !k.notAfter().isAfter(now))) {
            // only when a key read before has reached its end: a refresh is otherwise a read, never a write
            store.retireExpired(now);
        }
        Map<String, SigningKey> byKid = new LinkedHashMap<>();
        StoredKey signing = null;
        SigningKey active = null;
        boolean earlierActive = false;
        Instant nextActivation = Instant.MAX;
        for (StoredKey stored : store.usable(config.algorithm().getName())) {
            SigningKey known = previous.byKid().get(stored.kid());
            boolean unchanged = known != null && Objects.equals(known.notAfter(), stored.retireAt())
                    && known.signer().isPresent() == stored.active();
            SigningKey key = unchanged ? known : open(stored);
            byKid.put(key.kid(), key);
            boolean due = stored.active() && !stored.activatedAt().isAfter(now);
            if (stored.active() && !due && stored.activatedAt().isBefore(nextActivation)) {
                nextActivation = stored.activatedAt();
            }
            if (signing == null && due) {
                signing = stored;
                active = key;
            } else if (due) {
                earlierActive = true;
            }
        }
        if (earlierActive) {
            // the keys the newest due key replaces stop signing; they verify what they signed until it expires
            store.retireEarlier(config.algorithm().getName(), signing,
                    signing.activatedAt().plus(config.ttl()).plus(config.skew()));
            return read(new Ring(active, Collections.unmodifiableMap(byKid), Instant.MIN, Instant.MAX), now);
        }
        return new Ring(active, Collections.unmodifiableMap(byKid), now, nextActivation);
    }

    /** A stored key made usable; material written by an earlier version is re-sealed the current way. */
    private SigningKey open(StoredKey stored) {
        String privateJwk = stored.privateJwk() == null ? null : cipher.open(stored.kid(), stored.privateJwk());
        String publicJwk = stored.publicJwk() != null ? cipher.open(stored.kid(), stored.publicJwk())
                : KeyFactory.publicOf(privateJwk);
        boolean stale = stored.publicJwk() == null || !cipher.isCurrent(stored.publicJwk())
                || (privateJwk != null && !cipher.isCurrent(stored.privateJwk()));
        if (stale) {
            store.reseal(stored.kid(), stored.active() ? cipher.seal(stored.kid(), privateJwk) : null,
                    cipher.seal(stored.kid(), publicJwk));
        }
        return stored.active() ? KeyFactory.fromPrivateJwk(stored.kid(), privateJwk, stored.retireAt(), provider)
                : KeyFactory.fromPublicJwk(stored.kid(), publicJwk, stored.retireAt(), provider);
    }
}
