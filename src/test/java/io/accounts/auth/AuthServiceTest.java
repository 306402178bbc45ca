package io.accounts.auth;

import io.accounts.platform.ApiException;
import io.accounts.passwords.PasswordHasher;
import io.accounts.throttle.TestThrottles;
import io.accounts.user.User;
import io.accounts.user.UserService;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Login's rules with its collaborators stubbed: no enumeration, the dummy hash, and re-hashing. */
class AuthServiceTest {

    private final List<String> calls = new ArrayList<>();
    private final User ada = user();

    private static User user() {
        User user = new User("Ada", "L", "ada@x.io", "$argon2id$old", List.of("user"), Instant.EPOCH);
        user.setId("0123456789abcdef01234567");
        return user;
    }

    private AuthService service(boolean oldParameters) {
        AuthService auth = new AuthService();
        auth.users = new UserService() {
            @Override
            public Optional<User> findByEmail(String email) {
                return email.equals("ada@x.io") ? Optional.of(ada) : Optional.empty();
            }

            @Override
            public void rehash(User user, String hash) {
                calls.add("rehash " + hash);
            }
        };
        auth.hasher = new PasswordHasher() {
            @Override
            public boolean verify(String hash, String password) {
                calls.add("verify");
                return password.equals("right password");
            }

            @Override
            public void verifyDummy(String password) {
                calls.add("verify dummy");
            }

            @Override
            public boolean needsRehash(String hash) {
                return oldParameters;
            }

            @Override
            public String hash(String password) {
                return "$argon2id$new";
            }
        };
        auth.throttle = TestThrottles.login(5, 100, 20);
        auth.refreshTokens = new RefreshTokens() {
            @Override
            public String start(User user, Session session) {
                return "refresh";
            }
        };
        auth.accessTokens = new AccessTokens() {
            @Override
            public IssuedToken issue(User user, Session session) {
                return new IssuedToken("access", 300);
            }
        };
        auth.clock = Clock.systemUTC();
        auth.random = new SecureRandom();
        return auth;
    }

    @Test
    void anUnknownEmailCostsOneVerificationAndGetsTheSameAnswer() {
        AuthService auth = service(false);
        ApiException unknown = assertThrows(ApiException.class,
                () -> auth.login(new Credentials("nobody@x.io", "whatever pass"), "10.0.0.1"));
        ApiException wrong = assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "wrong password"), "10.0.0.1"));
        assertEquals(List.of("verify dummy", "verify"), calls);
        assertEquals(unknown.status(), wrong.status());
        assertEquals(unknown.getMessage(), wrong.getMessage());
        assertEquals(unknown.headers(), wrong.headers());
    }

    @Test
    void aHashMadeWithOlderParametersIsReplacedAtLogin() {
        assertEquals("access", service(true).login(new Credentials("ada@x.io", "right password"), "10.0.0.1").token());
        assertEquals(List.of("verify", "rehash $argon2id$new"), calls);
        calls.clear();
        service(false).login(new Credentials("ada@x.io", "right password"), "10.0.0.1");
        assertEquals(List.of("verify"), calls);
    }
}
