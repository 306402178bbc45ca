package io.accounts.platform;

import io.accounts.auth.KeyRing;
import io.accounts.auth.RefreshTokenStore;
import io.accounts.user.AdminAccount;
import io.accounts.user.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The database work the application needs once: indexes, then the first admin. Done at start-up; when MongoDB
 * is not reachable then, the readiness check retries it until it succeeds, so the order of starts is free.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    UserStore users;

    @Inject
    AdminAccount admin;

    @Inject
    RefreshTokenStore refreshTokens;

    @Inject
    KeyRing keys;

    private final AtomicBoolean done = new AtomicBoolean();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            ensureDatabase();
        } catch (RuntimeException e) {
            if (!UnexpectedErrorMapper.isDatabaseOutage(e)) {
                throw e;
            }
            LOG.warning("MongoDB is not reachable at start-up; indexes and the admin account will be created"
                    + " when it is (readiness is DOWN until then)");
        }
    }

    /** Idempotent; cheap once it has succeeded. */
    public void ensureDatabase() {
        if (done.get()) {
            return;
        }
        synchronized (done) {
            if (!done.get()) {
                users.createIndexes();
                refreshTokens.createIndexes();
                keys.active();
                admin.ensure();
                done.set(true);
                LOG.info("database ready: indexes in place");
            }
        }
    }
}
