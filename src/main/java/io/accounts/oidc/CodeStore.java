package io.accounts.oidc;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.accounts.platform.store.DatabaseSetup;
import io.accounts.platform.store.DriverCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;

import java.time.Instant;
import java.util.Optional;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;
import static io.accounts.platform.store.DocumentFields.ID;

/**
 * The {@code oauth_codes} collection ({@link AuthorizationCode}). Using a code marks it used in the same operation
 * that reads it (find-and-modify), so of two racing uses one wins and the other sees a used code.
 */
@ApplicationScoped
public class CodeStore implements DatabaseSetup {

    @Inject
    DocumentTemplate template;

    @Inject
    DriverCalls driver;

    @Override
    public void setUp() {
        driver.expiryIndex(AuthorizationCode.class, "expired", EXPIRES_AT, 0);
    }

    void insert(AuthorizationCode code) {
        template.insert(code);
    }

    /** Marks the unexpired code used: the code as it was before (its {@code used} tells a second use), or empty. */
    Optional<AuthorizationCode> use(String hash, Instant now) {
        return driver.updateAndGetBefore(AuthorizationCode.class, Filters.and(Filters.eq(ID, hash),
                Filters.gt(EXPIRES_AT, now)), Updates.set(AuthorizationCode.USED, true));
    }

    /** Records the refresh family the code's use issued, for a second use to revoke. */
    void issued(String hash, String family) {
        driver.updateWhere(AuthorizationCode.class, Filters.eq(ID, hash), Updates.set(AuthorizationCode.FAMILY, family));
    }
}
