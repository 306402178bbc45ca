package io.accounts.user;

import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.DatabaseSetups;
import io.accounts.security.FreshSignIn;
import io.accounts.security.JwtPrincipal;
import io.accounts.throttle.RecoveryThrottle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A change of address needs the verification mail to the new one: when the mail queue is full the change is not
 * made and the answer is 503 (before, it was made and its mail silently dropped). The collaborators are stubs; the
 * store is never reached.
 */
class EmailChangeMailTest {

    @Test
    void aNewAddressWhoseMailCannotBeQueuedIsRefusedWith503AndNotWritten() {
        User ada = new User("Ada", "Lovelace", "ada@test.example", "hash", List.of("user"), null);
        ada.setId("65a000000000000000000001");
        UserService service = new UserService();
        service.startup = new DatabaseSetups() {
            @Override
            public void requireDatabase() {
            }
        };
        service.cache = new UserCache() {
            @Override
            public Optional<User> find(String id) {
                return Optional.of(ada);
            }
        };
        service.freshSignIn = new FreshSignIn() {
            @Override
            public void require(JwtPrincipal caller) {
            }
        };
        service.recoveryThrottle = new RecoveryThrottle() {
            @Override
            public void emailChange(String userId) {
            }
        };
        service.mailer = new Mailer() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean hasRoom() {
                return false;
            }
        };
        service.store = new UserStore() {
            @Override
            public ProfileChange setProfile(String id, String firstName, String lastName, String email) {
                return fail("nothing is written when the mail cannot go");
            }
        };
        ApiException refused = assertThrows(ApiException.class, () -> service.update(ada.getId(),
                new UserUpdate("Ada", "Lovelace", "ada@new.example"), null));
        assertEquals(503, refused.status());
    }
}
