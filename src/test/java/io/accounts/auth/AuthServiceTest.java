package io.accounts.auth;

import io.accounts.platform.ApiException;
import io.accounts.events.TestEvents;
import io.accounts.passwords.PasswordHasher;
import io.accounts.throttle.TestThrottles;
import io.accounts.totp.TotpService;
import io.accounts.user.User;
import io.accounts.user.UserPasswords;
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
    private final List<String> recorded = new ArrayList<>();
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
        };
        auth.passwords = new UserPasswords() {
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
            public String start(User user, Session session, String address, String userAgent) {
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
        auth.events = TestEvents.recording(recorded);
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
        assertEquals(List.of("LOGIN_ERROR null {reason=unknown email}", "LOGIN_ERROR 0123456789abcdef01234567 {reason=password}"),
                recorded, "both recorded, the known account's with its id");
    }

    @Test
    void anUnverifiedAddressCannotLogInWhenVerificationIsRequiredButAWrongPasswordSaysNothingOfIt() {
        AuthService auth = service(false);
        auth.requireVerifiedEmail = true;
        ApiException unverified = assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "right password"), "10.0.0.1"));
        assertEquals(403, unverified.status());
        assertEquals(AuthService.EMAIL_NOT_VERIFIED, unverified.type());
        assertEquals(401, assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "wrong password"), "10.0.0.1")).status());
        ada.setEmailVerified(true);
        assertEquals("access", auth.login(new Credentials("ada@x.io", "right password"), "10.0.0.1").token());
    }

    @Test
    void withASecondFactorTheCodeIsRequiredAndChecked() {
        AuthService auth = service(false);
        ada.setTotpEnabled(true);
        auth.totp = new TotpService() {
            @Override
            public Check check(String userId, String code) {
                calls.add("totp " + code);
                return "123456".equals(code) ? Check.ACCEPTED : Check.REFUSED;
            }
        };
        assertEquals(AuthService.OTP_REQUIRED, assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "right password"), "10.0.0.1")).type());
        assertEquals(AuthService.OTP_INVALID, assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "right password", "000000"), "10.0.0.1")).type());
        assertEquals("access", auth.login(new Credentials("ada@x.io", "right password", "123456"), "10.0.0.1").token());
        assertEquals(AuthService.BAD_CREDENTIALS, assertThrows(ApiException.class,
                () -> auth.login(new Credentials("ada@x.io", "wrong password", "123456"), "10.0.0.1")).getMessage());
        assertEquals(List.of("verify", "verify", "totp 000000", "verify", "totp 123456", "verify"), calls,
                "the code is asked of the second factor only after the password");
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
