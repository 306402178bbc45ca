package io.accounts.user;

import io.accounts.passwords.PasswordHasher;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The first admin, from {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD}, when no admin exists. An account that
 * already has that address becomes admin only if {@code ADMIN_PASSWORD} is its password: anyone may register any
 * address, so an address alone proves nothing, and whoever registered it first must not inherit the role. Any
 * other case stops the start-up with a message naming the conflict.
 */
@ApplicationScoped
public class AdminAccount implements DatabaseSetup {

    private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());

    @Inject
    @ConfigProperty(name = "admin.email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "admin.password")
    Optional<String> password;

    @Inject
    UserStore store;

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    /** After the unique email index exists. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void setUp() {
        if (email.isEmpty() || password.isEmpty()) {
            LOG.info("admin.email / admin.password not set: no admin account is created");
            return;
        }
        if (store.anyWithRole(Roles.ADMIN)) {
            return;
        }
        String address = Emails.normalize(email.get());
        if (password.get().length() < 8) {
            throw new IllegalStateException("admin.password (ADMIN_PASSWORD) must have at least 8 characters");
        }
        Optional<User> existing = users.findByEmail(address);
        if (existing.isEmpty()) {
            User admin = new User("Admin", "Admin", address, hasher.hash(password.get()),
                    List.of(Roles.ADMIN, Roles.USER), clock.instant());
            // the operator named the address: it counts as verified
            admin.setEmailVerified(true);
            try {
                users.insert(admin);
            } catch (ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                // another node of the cluster created it meanwhile (or someone registered the address): decide again
                setUp();
                return;
            }
            LOG.info("created the admin account of admin.email");
            return;
        }
        if (!hasher.verify(existing.get().getPasswordHash(), password.get())) {
            throw new IllegalStateException("admin.email (ADMIN_EMAIL) names an existing account whose password is"
                    + " not admin.password (ADMIN_PASSWORD): refusing to make it an admin. Set ADMIN_PASSWORD to"
                    + " that account's password, or choose an address no account has.");
        }
        store.setRoles(existing.get().getId(), List.of(Roles.ADMIN, Roles.USER));
        store.verifyEmail(existing.get().getId(), address);
        LOG.info("made the existing account of admin.email an admin: admin.password is its password");
    }
}
