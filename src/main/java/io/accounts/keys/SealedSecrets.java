package io.accounts.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Other secrets sealed at rest the way the signing keys are ({@link KeyCipher}, {@code jwt.key-encryption-key}):
 * each bound to the id it belongs to, so a sealed secret cannot be moved to another record.
 */
@ApplicationScoped
public class SealedSecrets {

    @Inject
    @ConfigProperty(name = "jwt.key-encryption-key")
    Optional<String> keyEncryptionKey;

    private volatile KeyCipher cipher;

    private KeyCipher cipher() {
        if (cipher == null) {
            cipher = new KeyCipher(keyEncryptionKey);
        }
        return cipher;
    }

    public String seal(String boundTo, String secret) {
        return cipher().seal(boundTo, secret);
    }

    public String open(String boundTo, String sealed) {
        return cipher().open(boundTo, sealed);
    }
}
