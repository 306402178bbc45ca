package io.accounts.totp;

import io.accounts.keys.SealedSecrets;
import io.accounts.platform.store.DatabaseSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Seals the second-factor secrets an earlier version stored in clear (without {@code jwt.key-encryption-key}), once,
 * at start-up: afterwards neither the database file nor a backup holds one that can be read without the key.
 */
@ApplicationScoped
public class SecretSealing implements DatabaseSetup {

    private static final Logger LOG = Logger.getLogger(SecretSealing.class.getName());

    @Inject
    TotpStore store;

    @Inject
    SealedSecrets secrets;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void setUp() {
        int sealed = 0;
        for (TotpFactor factor : store.all()) {
            sealed += seal(factor.userId(), TotpFactor.SECRET, factor.secret());
            sealed += seal(factor.userId(), TotpFactor.PENDING, factor.pending());
        }
        if (sealed > 0) {
            int count = sealed;
            LOG.info(() -> count + " second-factor secrets stored in clear were sealed");
        }
    }

    private int seal(String userId, String field, String stored) {
        if (stored == null || secrets.isSealed(stored)) {
            return 0;
        }
        return store.reseal(userId, field, stored, secrets.seal(TotpService.boundTo(userId), stored)) ? 1 : 0;
    }
}
