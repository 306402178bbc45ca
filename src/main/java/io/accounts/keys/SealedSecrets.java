package io.accounts.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Other secrets (the second factor's) sealed at rest the way the signing keys are ({@link KeyCipher}): each bound to
 * the id it belongs to, so a sealed secret cannot be moved to another record. Always sealed: under
 * {@code jwt.key-encryption-key} when it is set, else under a key the service generates once and keeps in
 * {@code secrets.key-file} ({@link GeneratedKey}), outside the database, so neither the database file nor a
 * {@code GET /backup} holds what opens them. A secret stored in clear by an earlier version is still read, and
 * {@link #isSealed} tells its owner to seal it again.
 */
@ApplicationScoped
public class SealedSecrets {

    private static final Logger LOG = Logger.getLogger(SealedSecrets.class.getName());

    @Inject
    @ConfigProperty(name = "jwt.key-encryption-key")
    Optional<String> keyEncryptionKey;

    @Inject
    @ConfigProperty(name = "secrets.key-file", defaultValue = "secrets/secrets.key")
    String keyFile;

    private volatile KeyCipher cipher;
    private volatile String secret;

    private KeyCipher cipher() {
        if (cipher == null) {
            synchronized (this) {
                if (cipher == null) {
                    Optional<String> configured = keyEncryptionKey.filter(k -> !k.isBlank());
                    if (configured.isEmpty()) {
                        Path file = Path.of(keyFile).toAbsolutePath();
                        LOG.info(() -> "jwt.key-encryption-key is not set: second-factor secrets are sealed under"
                                + " the generated key in " + file + " (keep it with the server; a restored backup"
                                + " needs it)");
                        configured = Optional.of(GeneratedKey.readOrCreate(file));
                    }
                    secret = configured.get();
                    cipher = new KeyCipher(configured);
                }
            }
        }
        return cipher;
    }

    /**
     * A 256-bit key for this purpose (HKDF of the same secret that seals, so every node of a cluster derives the
     * same one and neither the database nor a backup holds it): for MACs the service checks without a read.
     */
    public byte[] derivedKey(String purpose) {
        cipher();
        return Hkdf.sha256(secret.getBytes(StandardCharsets.UTF_8),
                "user-account-service".getBytes(StandardCharsets.US_ASCII),
                purpose.getBytes(StandardCharsets.US_ASCII), 32);
    }

    public String seal(String boundTo, String secret) {
        return cipher().seal(boundTo, secret);
    }

    /** The secret; one stored in clear by an earlier version comes back as it is. */
    public String open(String boundTo, String stored) {
        return isSealed(stored) ? cipher().open(boundTo, stored) : stored;
    }

    /** Whether a stored secret is sealed (else it was stored in clear before sealing was the rule). */
    public boolean isSealed(String stored) {
        return stored.startsWith(KeyCipher.JWE_PREFIX);
    }
}
