package io.accounts.it;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second factor as a person and an authenticator app use it (the test computes the codes with java-otp):
 * enrolment, confirmation, login with a code, replay refused, recovery codes once each, the throttle, removal.
 */
public class TotpIT extends DeployedService {

    private static final String REQUIRED = "urn:accounts:problem:otp-required";
    private static final String INVALID = "urn:accounts:problem:otp-invalid";

    /** The code of the time step {@code offset} steps from now. */
    public static String code(String base32, int offset) throws Exception {
        byte[] secret = new Base32().decode(base32);
        return String.format("%06d", new TimeBasedOneTimePasswordGenerator().generateOneTimePassword(
                new SecretKeySpec(secret, "HmacSHA1"), Instant.now().plusSeconds(30L * offset)));
    }

    private Api.Reply login(String email, String password, String otp) {
        var body = Json.createObjectBuilder().add("email", email).add("password", password);
        if (otp != null) {
            body.add("otp", otp);
        }
        return api.post("/user/login", null, body.build().toString());
    }

    private static String code(String otp) {
        return Json.createObjectBuilder().add("code", otp).build().toString();
    }

    /** Enrols and confirms; answers the secret and the recovery codes. */
    private JsonObject enrol(Accounts.Account user) throws Exception {
        Api.Reply started = api.post("/user/" + user.id() + "/totp", user.bearer(), null);
        assertEquals(200, started.status(), started::toString);
        String secret = started.data().getString("secret");
        assertTrue(started.data().getString("otpauth_uri").startsWith("otpauth://totp/"), started::toString);
        assertTrue(started.data().getString("otpauth_uri").contains("secret=" + secret));
        assertEquals(400, api.post("/user/" + user.id() + "/totp/confirm", user.bearer(), code("000000".equals(
                code(secret, 0)) ? "111111" : "000000")).status(), "a wrong first code does not activate it");
        Api.Reply confirmed = api.post("/user/" + user.id() + "/totp/confirm", user.bearer(), code(code(secret, 0)));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals(10, confirmed.data().getJsonArray("recovery_codes").size());
        return Json.createObjectBuilder().add("secret", secret)
                .add("recovery_codes", confirmed.data().getJsonArray("recovery_codes")).build();
    }

    @Test
    void withTotpALoginNeedsACodeThatWorksOnceAndRecoveryCodesStandIn() throws Exception {
        Accounts.Account user = accounts.create("totp");
        JsonObject enrolled = enrol(user);
        String secret = enrolled.getString("secret");
        assertTrue(api.get("/user/" + user.id(), user.bearer()).data().getBoolean("totp_enabled"));
        assertEquals(409, api.post("/user/" + user.id() + "/totp", user.bearer(), null).status(), "active already");

        Api.Reply noCode = login(user.email(), Accounts.PASSWORD, null);
        assertEquals(401, noCode.status());
        assertEquals(REQUIRED, noCode.json().getString("type"));
        assertEquals(INVALID, login(user.email(), Accounts.PASSWORD, "123456".equals(code(secret, 1)) ? "654321" : "123456")
                .json().getString("type"));
        String next = code(secret, 1);
        assertEquals(200, login(user.email(), Accounts.PASSWORD, next).status(), "the next step's code (drift)");
        Api.Reply replay = login(user.email(), Accounts.PASSWORD, next);
        assertEquals(401, replay.status(), "a code works once");
        assertEquals(INVALID, replay.json().getString("type"));
        assertEquals(401, login(user.email(), "a wrong password", next).status());

        String recovery = enrolled.getJsonArray("recovery_codes").getString(0);
        assertEquals(200, login(user.email(), Accounts.PASSWORD, recovery.toLowerCase()).status(), "a recovery code");
        assertEquals(INVALID, login(user.email(), Accounts.PASSWORD, recovery).json().getString("type"), "once");
    }

    /**
     * The attack: someone with the password guesses codes. After totp.max-failures (3 on the test servers) wrong
     * codes in a row the factor refuses even the right code, the owner gets a mail and OTP_LOCKED is recorded; the
     * owner still signs in with a recovery code. Before, wrong codes only spent the login throttle's buckets, which
     * refill: ~20 guesses every 5 minutes, for ever.
     */
    @Test
    void wrongCodesInARowLockTheFactorAndTellTheOwner() throws Exception {
        Accounts.Account user = accounts.create("totp-lockout");
        JsonObject enrolled = enrol(user);
        String secret = enrolled.getString("secret");
        for (int i = 0; i < 3; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(code(secret, 0)) + 500_000 + i) % 1_000_000);
            Api.Reply refused = login(user.email(), Accounts.PASSWORD, wrong);
            assertEquals(401, refused.status(), refused::toString);
            assertEquals(INVALID, refused.json().getString("type"));
        }
        Api.Reply locked = login(user.email(), Accounts.PASSWORD, code(secret, 0));
        assertEquals(401, locked.status(), "the right code is refused while the factor is locked: " + locked);
        assertEquals(INVALID, locked.json().getString("type"));
        assertTrue(locked.json().getString("detail").contains("recovery code"), locked::toString);

        String mail = TestSmtp.mail(user.email(), "Your sign-in codes are blocked for now").orElseThrow();
        assertTrue(mail.contains("3 wrong codes") && mail.contains("change it"), mail);
        String admin = accounts.admin().bearer();
        Await.until("an OTP_LOCKED event", Duration.ofSeconds(10), Duration.ofMillis(100), () -> !api.get(
                "/events?type=OTP_LOCKED&user=" + user.id(), admin).json().getJsonArray("data").isEmpty());
        assertEquals(1, api.get("/events?type=OTP_LOCKED&user=" + user.id(), admin).json().getJsonArray("data")
                .size(), "one lockout, one event");

        String recovery = enrolled.getJsonArray("recovery_codes").getString(0);
        assertEquals(200, login(user.email(), Accounts.PASSWORD, recovery).status(), "a recovery code still works");
    }

    @Test
    void theOwnerRemovesTheSecondFactorWithThePassword() throws Exception {
        // an account of its own: the proofs count against the account's login throttle (SecurityIT)
        Accounts.Account user = accounts.create("totp-removal");
        enrol(user);
        Api.Reply wrongPassword = api.send("DELETE", "/user/" + user.id() + "/totp", user.bearer(),
                "{\"current_password\":\"not the password\"}");
        assertEquals(400, wrongPassword.status());
        assertEquals(204, api.send("DELETE", "/user/" + user.id() + "/totp", user.bearer(),
                "{\"current_password\":\"" + Accounts.PASSWORD + "\"}").status());
        assertEquals(200, login(user.email(), Accounts.PASSWORD, null).status(), "the tutorial's login again");
    }

    @Test
    void wrongCodesAreFailedLoginsAndAnAdminCanRemoveTotp() throws Exception {
        Accounts.Account user = accounts.create("totp-guess");
        enrol(user);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(login(user.email(), Accounts.PASSWORD, String.format("%06d", 100_000 + i * 7)).status());
        }
        assertEquals(429, statuses.get(5), "the login throttle counts wrong codes: " + statuses);
        Accounts.Account other = accounts.create("totp-other");
        assertEquals(403, api.send("DELETE", "/user/" + user.id() + "/totp", other.bearer(), null).status());
        assertEquals(403, api.post("/user/" + user.id() + "/totp", accounts.admin().bearer(), null).status(),
                "only the user enrols a second factor");
        assertEquals(204, api.send("DELETE", "/user/" + user.id() + "/totp", accounts.admin().bearer(), null).status());
        assertEquals(false, api.get("/user/" + user.id(), accounts.admin().bearer()).data().getBoolean("totp_enabled"));
    }
}
