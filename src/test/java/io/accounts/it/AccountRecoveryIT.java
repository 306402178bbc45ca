package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password reset and email verification through a real SMTP server (GreenMail on loopback): the mails arrive with
 * their links, each token works once, an unknown address is answered as a known one, and the mails are throttled.
 */
class AccountRecoveryIT extends DeployedService {

    private static String token(String to, String path) {
        return TestSmtp.token(to, path).orElseThrow(() -> new AssertionError("no mail with " + path + " to " + to));
    }

    private static String body(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build().toString();
    }

    private static boolean claimVerified(String accessToken) {
        String payload = accessToken.split("\\.")[1];
        JsonObject claims = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(payload),
                StandardCharsets.UTF_8))).readObject();
        return claims.getBoolean("email_verified");
    }

    @Test
    void aNewAccountGetsAVerificationMailWhoseTokenVerifiesTheAddressOnce() {
        Accounts.Account user = accounts.create("verify");
        assertFalse(api.get("/user/" + user.id(), user.bearer()).data().getBoolean("email_verified"));
        assertFalse(claimVerified(user.token()));
        String token = token(user.email(), "/account/verify");
        assertEquals(204, api.post("/user/verify-email", null, body("token", token)).status());
        assertTrue(api.get("/user/" + user.id(), user.bearer()).data().getBoolean("email_verified"));
        assertTrue(claimVerified(accounts.login(user.email(), Accounts.PASSWORD).getString("token")),
                "and new access tokens say so");
        Api.Reply again = api.post("/user/verify-email", null, body("token", token));
        Api.Reply unknown = api.post("/user/verify-email", null, body("token", "A".repeat(43)));
        assertEquals(400, again.status(), "single use");
        assertEquals(again.json().getJsonObject("errors"), unknown.json().getJsonObject("errors"), "one answer for both");
        assertEquals(409, api.post("/user/" + user.id() + "/verify-email/resend", user.bearer(), null).status(),
                "already verified");
    }

    @Test
    void aNewAddressIsUnverifiedUntilItsOwnMailIsUsed() {
        Accounts.Account user = accounts.create("change");
        String oldToken = token(user.email(), "/account/verify");
        String moved = Accounts.uniqueEmail("moved");
        Api.Reply updated = api.put("/user/" + user.id(), user.bearer(), Json.createObjectBuilder()
                .add("first_name", "Ada").add("last_name", "Lovelace").add("email", moved).build().toString());
        assertEquals(200, updated.status(), updated::toString);
        assertEquals(400, api.post("/user/verify-email", null, body("token", oldToken)).status(),
                "a token of the old address does not verify the new one");
        assertEquals(204, api.post("/user/verify-email", null, body("token", token(moved, "/account/verify"))).status());
        assertTrue(api.get("/user/" + user.id(), user.bearer()).data().getBoolean("email_verified"));
        Api.Reply again = api.put("/user/" + user.id(), user.bearer(), Json.createObjectBuilder()
                .add("first_name", "Ada").add("last_name", "Lovelace").add("email", Accounts.uniqueEmail("again"))
                .build().toString());
        assertFalse(again.data().getBoolean("email_verified"), "changing a verified address resets it");
    }

    @Test
    void resendingTheVerificationMailWorksAndIsThrottled() {
        Accounts.Account user = accounts.create("resend");
        token(user.email(), "/account/verify");
        for (int i = 0; i < 5; i++) {
            assertEquals(202, api.post("/user/" + user.id() + "/verify-email/resend", user.bearer(), null).status());
        }
        Api.Reply throttled = api.post("/user/" + user.id() + "/verify-email/resend", user.bearer(), null);
        assertEquals(429, throttled.status());
        assertTrue(Long.parseLong(throttled.header("Retry-After")) > 0);
        Accounts.Account other = accounts.create("resend-other");
        assertEquals(403, api.post("/user/" + user.id() + "/verify-email/resend", other.bearer(), null).status());
        assertEquals(401, api.post("/user/" + user.id() + "/verify-email/resend", null, null).status());
    }

    @Test
    void aForgottenPasswordIsResetFromTheMailAndEverySessionEnds() {
        Accounts.Account user = accounts.create("reset");
        JsonObject session = accounts.login(user.email(), Accounts.PASSWORD);
        Api.Reply requested = api.post("/user/password-reset", null, body("email", user.email().toUpperCase()));
        assertEquals(202, requested.status(), requested::toString);
        String token = token(user.email(), "/account/reset");
        Api.Reply weak = api.post("/user/password-reset/confirm", null, Json.createObjectBuilder().add("token", token)
                .add("new_password", "password").build().toString());
        assertEquals(400, weak.status(), "a weak password is refused, and the token is not spent on it");
        String fresh = "a new and long passphrase";
        assertEquals(204, api.post("/user/password-reset/confirm", null, Json.createObjectBuilder().add("token", token)
                .add("new_password", fresh).build().toString()).status());
        assertEquals(401, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
        assertEquals(200, api.post("/user/login", null, Accounts.credentials(user.email(), fresh)).status());
        assertEquals(401, api.get("/user/" + user.id(), user.bearer()).status(), "earlier access tokens are void");
        assertEquals(401, api.post("/user/refresh-token", null, body("refresh_token", session.getString("refresh_token")))
                .status(), "and so are the refresh tokens");
        Api.Reply used = api.post("/user/password-reset/confirm", null, Json.createObjectBuilder().add("token", token)
                .add("new_password", "yet another long passphrase").build().toString());
        Api.Reply unknown = api.post("/user/password-reset/confirm", null, Json.createObjectBuilder()
                .add("token", "B".repeat(43)).add("new_password", "yet another long passphrase").build().toString());
        assertEquals(400, used.status());
        assertEquals(used.response().body(), unknown.response().body(), "used and unknown tokens: one answer");
    }

    @Test
    void aResetLinkDiesWhenThePasswordOrTheAddressChanges() {
        Accounts.Account changesPassword = accounts.create("reset-then-password");
        api.post("/user/password-reset", null, body("email", changesPassword.email()));
        String first = token(changesPassword.email(), "/account/reset");
        assertEquals(204, api.put("/user/" + changesPassword.id() + "/password", changesPassword.bearer(),
                Json.createObjectBuilder().add("current_password", Accounts.PASSWORD)
                        .add("new_password", "the owner's new passphrase").build().toString()).status());
        assertEquals(400, api.post("/user/password-reset/confirm", null, Json.createObjectBuilder()
                .add("token", first).add("new_password", "an attacker's passphrase").build().toString()).status(),
                "a link mailed before the password changed");

        Accounts.Account moves = accounts.create("reset-then-move");
        api.post("/user/password-reset", null, body("email", moves.email()));
        String second = token(moves.email(), "/account/reset");
        Api.Reply moved = api.put("/user/" + moves.id(), moves.bearer(), Json.createObjectBuilder()
                .add("first_name", "Ada").add("last_name", "Lovelace").add("email", Accounts.uniqueEmail("moved"))
                .build().toString());
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(400, api.post("/user/password-reset/confirm", null, Json.createObjectBuilder()
                .add("token", second).add("new_password", "an attacker's passphrase").build().toString()).status(),
                "a link mailed to the address the account left");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        Accounts.Account known = accounts.create("known");
        String nobody = Accounts.uniqueEmail("nobody");
        Api.Reply forKnown = api.post("/user/password-reset", null, body("email", known.email()));
        Api.Reply forNobody = api.post("/user/password-reset", null, body("email", nobody));
        assertEquals(202, forNobody.status());
        assertEquals(forKnown.response().body(), forNobody.response().body());
        token(known.email(), "/account/reset");
        assertEquals(0, TestSmtp.count(nobody), "nothing is sent to an address without an account");
    }

    @Test
    void resetRequestsAreThrottledPerAddressOfMail() {
        Accounts.Account user = accounts.create("reset-throttle");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(api.post("/user/password-reset", null, body("email", user.email())).status());
        }
        assertEquals(List.of(202, 202, 202, 202, 202, 429), statuses);
        assertEquals(400, api.post("/user/password-reset", null, body("email", "not an address")).status());
    }
}
