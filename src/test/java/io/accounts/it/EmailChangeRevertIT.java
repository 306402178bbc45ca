package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.SoftwareAuthenticator;
import io.accounts.it.support.TestSmtp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack: someone who signed in to an account (a stolen password, a borrowed laptop) moves its address to
 * their own and enrols their authenticator; before, the old address heard nothing and the owner was locked out for
 * good. Now the old address gets a notice with a link that takes the change back, ends every session and removes
 * the factor added since, and a second change by the thief does not void it.
 */
class EmailChangeRevertIT extends DeployedService {

    private static final String NOTICE = "The address of your account was changed";

    private static String profile(String email) {
        return Json.createObjectBuilder().add("first_name", "Ada").add("last_name", "Lovelace").add("email", email)
                .build().toString();
    }

    private static String token(String token) {
        return Json.createObjectBuilder().add("token", token).build().toString();
    }

    private String origin() {
        return api.base().getScheme() + "://" + api.base().getRawAuthority();
    }

    private void addPasskey(String userId, String bearer, SoftwareAuthenticator key) {
        Api.Reply options = api.post("/user/" + userId + "/passkeys/options", bearer, null);
        assertEquals(200, options.status(), options::toString);
        Api.Reply added = api.post("/user/" + userId + "/passkeys", bearer,
                key.register(options.data(), origin()).toString());
        assertEquals(201, added.status(), added::toString);
    }

    private Api.Reply passkeySignIn(SoftwareAuthenticator key) throws Exception {
        String challenge = api.post("/user/passkey-login/options", null, null).data().getString("challenge");
        return api.post("/user/passkey-login", null, key.signIn(challenge, origin()).toString());
    }

    @Test
    void theOldAddressTakesTheAccountBackFromAThief() throws Exception {
        Accounts.Account owner = accounts.create("revert");
        SoftwareAuthenticator ownersKey = SoftwareAuthenticator.es256();
        addPasskey(owner.id(), owner.bearer(), ownersKey);
        JsonObject thief = accounts.login(owner.email(), Accounts.PASSWORD);
        String thiefBearer = "Bearer " + thief.getString("token");
        String attacker = Accounts.uniqueEmail("revert-thief");
        assertEquals(200, api.put("/user/" + owner.id(), thiefBearer, profile(attacker)).status());
        String secret = api.post("/user/" + owner.id() + "/totp", thiefBearer, null).data().getString("secret");
        Api.Reply enrolled = api.post("/user/" + owner.id() + "/totp/confirm", thiefBearer,
                Json.createObjectBuilder().add("code", TotpIT.code(secret, 0)).build().toString());
        assertEquals(200, enrolled.status(), enrolled::toString);
        SoftwareAuthenticator thiefsKey = SoftwareAuthenticator.es256();
        addPasskey(owner.id(), thiefBearer, thiefsKey);

        String notice = TestSmtp.mail(owner.email(), NOTICE).orElseThrow();
        assertTrue(notice.contains(attacker), "the notice names the new address: " + notice);
        String revert = TestSmtp.token(owner.email(), "/account/revert-email").orElseThrow();
        assertEquals(204, api.post("/user/email-change/revert", null, token(revert)).status());

        assertEquals(401, api.get("/user/" + owner.id(), thiefBearer).status(), "every session ended");
        assertEquals(401, api.post("/user/refresh-token", null, Json.createObjectBuilder()
                .add("refresh_token", thief.getString("refresh_token")).build().toString()).status());
        Api.Reply signedIn = api.post("/user/login", null, Accounts.credentials(owner.email(), Accounts.PASSWORD));
        assertEquals(200, signedIn.status(), "the owner signs in with the old address, no code: " + signedIn);
        JsonObject user = api.get("/user/" + owner.id(), "Bearer " + signedIn.data().getString("token")).data();
        assertEquals(owner.email(), user.getString("email"));
        assertTrue(user.getBoolean("email_verified"), "the link proved the address");
        assertFalse(user.getBoolean("totp_enabled"), "the thief's authenticator is gone");
        assertEquals(401, passkeySignIn(thiefsKey).status(), "and the thief's passkey");
        assertEquals(401, passkeySignIn(ownersKey).status(), "every passkey goes: one added before the change may be"
                + " the thief's too; the owner adds theirs again");
        Api.Reply again = api.post("/user/email-change/revert", null, token(revert));
        assertEquals(400, again.status(), "the link works once: " + again);
        assertEquals(400, api.post("/user/email-change/revert", null, token("not-a-token")).status());
        String admin = accounts.admin().bearer();
        Await.until("an EMAIL_CHANGE_REVERTED event", Duration.ofSeconds(10), Duration.ofMillis(100), () -> !api.get(
                "/events?type=EMAIL_CHANGE_REVERTED&user=" + owner.id(), admin).json().getJsonArray("data").isEmpty());
    }

    @Test
    void aSecondChangeByTheThiefDoesNotVoidTheOwnersWayBack() {
        Accounts.Account owner = accounts.create("revert-chain");
        String first = Accounts.uniqueEmail("revert-first");
        String second = Accounts.uniqueEmail("revert-second");
        assertEquals(200, api.put("/user/" + owner.id(), owner.bearer(), profile(first)).status());
        assertEquals(200, api.put("/user/" + owner.id(), owner.bearer(), profile(second)).status());
        String thiefsWayBack = TestSmtp.token(first, "/account/revert-email").orElseThrow();
        String ownersWayBack = TestSmtp.token(owner.email(), "/account/revert-email").orElseThrow();

        assertEquals(204, api.post("/user/email-change/revert", null, token(thiefsWayBack)).status());
        assertEquals(204, api.post("/user/email-change/revert", null, token(ownersWayBack)).status(),
                "the owner's link outlives the thief's later change and its revert");
        assertEquals(200, api.post("/user/login", null, Accounts.credentials(owner.email(), Accounts.PASSWORD))
                .status());
        assertEquals(401, api.post("/user/login", null, Accounts.credentials(first, Accounts.PASSWORD)).status(),
                "the thief's address is no longer the account's");
    }
}
