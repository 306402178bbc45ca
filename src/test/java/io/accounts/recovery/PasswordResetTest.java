package io.accounts.recovery;

import io.accounts.events.TestEvents;
import io.accounts.mail.Mail;
import io.accounts.mail.Mailer;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.WireProtocolServer;
import io.accounts.throttle.RecoveryThrottle;
import io.accounts.user.UserChanged;
import io.accounts.user.UserPasswords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.accounts.recovery.OneTimeTokenStore.Purpose.PASSWORD_RESET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A reset link survives the service's own trouble and dies with the account it was mailed for. */
class PasswordResetTest {

    private static WireProtocolServer mongo;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static PasswordReset reset(String database, UserPasswords passwords) {
        PasswordReset reset = new PasswordReset();
        reset.tokens = OneTimeTokenStoreTest.tokens(mongo, database, Clock.systemUTC());
        reset.passwords = passwords;
        reset.events = TestEvents.recording(new ArrayList<>());
        return reset;
    }

    @Test
    void aResetRefusedBecauseHashingIsBusyKeepsItsLinkForTheRetry() {
        AtomicBoolean busy = new AtomicBoolean(true);
        List<String> reset = new ArrayList<>();
        PasswordReset service = reset("busy", new UserPasswords() {
            @Override
            public void resetPassword(String id, String newPassword) {
                if (busy.get()) {
                    throw ApiException.unavailable("Too many passwords are being checked; retry shortly.", 1);
                }
                reset.add(id);
            }
        });
        String token = service.tokens.issue(PASSWORD_RESET, "u1", "ada@x.io", Duration.ofMinutes(30));
        assertEquals(503, assertThrows(ApiException.class, () -> service.confirm(token, "a long new passphrase"))
                .status(), "the service's trouble is told as such, not as a bad link");
        busy.set(false);
        service.confirm(token, "a long new passphrase");
        assertEquals(List.of("u1"), reset);
        assertEquals(400, assertThrows(ApiException.class, () -> service.confirm(token, "a long new passphrase"))
                .status(), "and then it is used");
    }

    @Test
    void aResetRequestWhoseMailTheQueueRefusesAnswers503NotASilent202() {
        PasswordReset service = reset("full", new UserPasswords());
        service.throttle = new RecoveryThrottle() {
            @Override
            public void passwordReset(String email, String clientAddress) {
            }
        };
        service.mailer = new Mailer() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean sendLater(Supplier<Optional<Mail>> compose) {
                return false;
            }
        };
        ApiException full = assertThrows(ApiException.class, () -> service.request("ada@x.io", "192.0.2.1"));
        assertEquals(503, full.status());
    }

    @Test
    void aResetLinkDiesWhenThePasswordOrTheAddressChanges() {
        PasswordReset service = reset("changes", new UserPasswords() {
            @Override
            public void resetPassword(String id, String newPassword) {
            }
        });
        for (UserChanged.Kind kind : List.of(UserChanged.Kind.PASSWORD, UserChanged.Kind.EMAIL)) {
            String token = service.tokens.issue(PASSWORD_RESET, "u2", "b@x.io", Duration.ofMinutes(30));
            service.onUserChanged(new UserChanged("u2", UserChanged.Kind.PROFILE));
            service.onUserChanged(new UserChanged("u2", kind));
            assertEquals(400, assertThrows(ApiException.class, () -> service.confirm(token, "a long new passphrase"))
                    .status(), kind.name());
        }
        String kept = service.tokens.issue(PASSWORD_RESET, "u3", "c@x.io", Duration.ofMinutes(30));
        service.onUserChanged(new UserChanged("u3", UserChanged.Kind.PROFILE));
        service.confirm(kept, "a long new passphrase");
    }
}
