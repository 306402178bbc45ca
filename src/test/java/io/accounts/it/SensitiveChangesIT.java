package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestTokens;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stolen token is not an account: a token whose sign-in is older than {@code auth.max-auth-age} (300 s), as a
 * thief's is after refreshing a stolen session, cannot make a sensitive change (API.md, "Sessions and sensitive
 * changes"); the owner, signing in again, can. Each attack here let the attacker in before the rule.
 */
class SensitiveChangesIT extends DeployedService {

    private static final String REAUTHENTICATE = "urn:accounts:problem:reauthentication-required";

    private final TestTokens tokens = new TestTokens();

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token of this user's session, signed in an hour ago. */
    private String stale(Accounts.Account user) {
        return bearer(tokens.signedInAt(user.token(), Instant.now().minusSeconds(3600)));
    }

    private static String profile(String first, String email) {
        return Json.createObjectBuilder().add("first_name", first).add("last_name", "Lovelace").add("email", email)
                .build().toString();
    }

    private static void refusedForAnOldSignIn(Api.Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(REAUTHENTICATE, reply.json().getString("type"), reply::toString);
        String challenge = reply.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Bearer ")
                && challenge.contains("error=\"insufficient_user_authentication\"")
                && challenge.contains("max_age=300"), "RFC 9470's challenge: " + challenge);
    }

    @Test
    void aStaleTokenCannotTakeTheAccountOverAndTheOwnerStillSignsIn() {
        Accounts.Account owner = accounts.create("owner");
        String thief = stale(owner);
        String attacker = Accounts.uniqueEmail("attacker");

        refusedForAnOldSignIn(api.put("/user/" + owner.id(), thief, profile("Ada", attacker)));
        refusedForAnOldSignIn(api.post("/user/" + owner.id() + "/totp", thief, null));
        refusedForAnOldSignIn(api.post("/user/" + owner.id() + "/totp/confirm", thief,
                Json.createObjectBuilder().add("code", "123456").build().toString()));
        refusedForAnOldSignIn(api.delete("/user/" + owner.id(), thief));
        refusedForAnOldSignIn(api.delete("/user/" + owner.id().toUpperCase(java.util.Locale.ROOT), thief));
        refusedForAnOldSignIn(api.delete("/user/" + owner.id().toUpperCase(java.util.Locale.ROOT) + "/sessions",
                thief));
        assertEquals(202, api.post("/user/password-reset", null,
                Json.createObjectBuilder().add("email", attacker).build().toString()).status());

        Api.Reply self = api.get("/user/" + owner.id(), owner.bearer());
        assertEquals(owner.email(), self.data().getString("email"), "the address is still the owner's");
        assertEquals(200, api.post("/user/login", null, Accounts.credentials(owner.email(), Accounts.PASSWORD))
                .status(), "the owner still signs in, with no second factor the thief enrolled");
    }

    @Test
    void renamingIsNotSensitiveAndAFreshSignInMakesTheChange() {
        Accounts.Account user = accounts.create("rename");
        Api.Reply renamed = api.put("/user/" + user.id(), stale(user), profile("Augusta", user.email()));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Augusta", renamed.data().getString("first_name"));

        String moved = Accounts.uniqueEmail("moved");
        Api.Reply changed = api.put("/user/" + user.id(), user.bearer(), profile("Augusta", moved));
        assertEquals(200, changed.status(), "a token from a sign-in just now: " + changed);
        assertEquals(moved, changed.data().getString("email"));
    }

    @Test
    void changesOfAddressAreLimitedPerAccountSoTheirMailsCannotFloodTheQueue() {
        Accounts.Account user = accounts.create("mover");
        List<Integer> statuses = new java.util.ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 4; i++) {
            last = api.put("/user/" + user.id(), user.bearer(), profile("Ada", Accounts.uniqueEmail("move" + i)));
            statuses.add(last.status());
        }
        assertEquals(List.of(200, 200, 200, 429), statuses, String.valueOf(last));
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        assertEquals(200, api.put("/user/" + user.id(), user.bearer(), profile("Augusta",
                api.get("/user/" + user.id(), user.bearer()).data().getString("email"))).status(),
                "renaming is not limited");
    }

    @Test
    void anAdminsRoleChangesKeyOperationsAndBackupsNeedARecentSignIn() {
        Accounts.Account admin = accounts.admin();
        Accounts.Account user = accounts.create("promoted");
        String old = stale(admin);
        refusedForAnOldSignIn(api.put("/user/" + user.id() + "/roles", old,
                Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("admin").add("user")).build()
                        .toString()));
        refusedForAnOldSignIn(api.post("/keys/rotate", old, null));
        refusedForAnOldSignIn(api.delete("/keys/no-such-kid", old));
        refusedForAnOldSignIn(api.get("/backup", old));
        refusedForAnOldSignIn(api.delete("/user/" + user.id() + "/totp", old));
        assertEquals(200, api.get("/keys", old).status(), "reading is not a change");
        assertEquals(List.of("user"), api.get("/user/" + user.id(), admin.bearer()).data()
                .getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList(), "the role change did not happen");
        assertEquals(404, api.delete("/keys/no-such-kid", admin.bearer()).status(), "fresh: the request runs");
    }

    @Test
    void anAdminDeletingAnotherAccountIsNotTheOwnersSensitiveChange() {
        Accounts.Account user = accounts.create("deleted");
        assertEquals(204, api.delete("/user/" + user.id(), stale(accounts.admin())).status());
    }

    @Test
    void answersThatCarryATokenASecretOrRecoveryCodesAreNeverCached() throws Exception {
        Accounts.Account user = accounts.create("nostore");
        Api.Reply login = api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD));
        Api.Reply refreshed = api.post("/user/refresh-token", null, Json.createObjectBuilder()
                .add("refresh_token", login.data().getString("refresh_token")).build().toString());
        Api.Reply enrolled = api.post("/user/" + user.id() + "/totp", user.bearer(), null);
        Api.Reply confirmed = api.post("/user/" + user.id() + "/totp/confirm", user.bearer(), Json.createObjectBuilder()
                .add("code", TotpIT.code(enrolled.data().getString("secret"), 0)).build().toString());
        Api.Reply refused = api.post("/user/login", null, Accounts.credentials(user.email(), "wrong password!"));
        for (Api.Reply reply : List.of(login, refreshed, enrolled, confirmed, refused)) {
            assertEquals("no-store", reply.header("Cache-Control"), reply::toString);
        }
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertNotEquals("no-store", api.get("/user/" + user.id(), user.bearer()).header("Cache-Control"),
                "an answer without a secret keeps the server's default");
    }
}
