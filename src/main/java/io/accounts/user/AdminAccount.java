package io.accounts.user;

import io.accounts.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/** Creates the first admin from {@code ADMIN_EMAIL} / {@code ADMIN_PASSWORD} when no admin exists. */
@ApplicationScoped
public class AdminAccount {

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

    public void ensure() {
        if (email.isEmpty() || password.isEmpty()) {
            LOG.info("admin.email / admin.password not set: no admin account is created");
            return;
        }
        if (store.anyWithRole(Roles.ADMIN)) {
            return;
        }
        String address = email.get().strip().toLowerCase(Locale.ROOT);
        if (password.get().length() < 8) {
            throw new IllegalStateException("admin.password (ADMIN_PASSWORD) must have at least 8 characters");
        }
        Optional<User> existing = users.findByEmail(address);
        if (existing.isPresent()) {
            store.setRoles(existing.get().getId(), List.of(Roles.ADMIN, Roles.USER));
            LOG.info("made the existing account of admin.email an admin");
            return;
        }
        users.insert(new User("Admin", "Admin", address, hasher.hash(password.get()),
                List.of(Roles.ADMIN, Roles.USER), clock.instant()));
        LOG.info("created the admin account of admin.email");
    }
}
