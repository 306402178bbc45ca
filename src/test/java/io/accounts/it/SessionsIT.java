package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No one could see their sessions: the only remedy for a lost phone (a stolen session) was a password change. Now a
 * user lists their sessions and ends one, whose refresh and access tokens stop at once, or ends all but their own.
 */
class SessionsIT extends DeployedService {

    private static String refresh(String refreshToken) {
        return Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString();
    }

    private List<JsonObject> sessions(Accounts.Account user, String bearer) {
        Api.Reply reply = api.get("/user/" + user.id() + "/sessions", bearer);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control"));
        return reply.json().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    @Test
    void aUserEndsAStolenSessionAndItsTokensStopAtOnce() throws Exception {
        Accounts.Account user = accounts.create("sessions");
        JsonObject stolen = accounts.login(user.email(), Accounts.PASSWORD);
        Api.Reply rotated = api.post("/user/refresh-token", null, refresh(stolen.getString("refresh_token")));
        assertEquals(200, rotated.status(), rotated::toString);
        String thiefAccess = "Bearer " + rotated.data().getString("token");
        String thiefRefresh = rotated.data().getString("refresh_token");

        List<JsonObject> listed = sessions(user, user.bearer());
        assertEquals(2, listed.size(), listed::toString);
        JsonObject newest = listed.get(0);
        assertFalse(newest.getBoolean("current"), "newest first: the second sign-in, not the caller's: " + listed);
        assertTrue(listed.get(1).getBoolean("current"), listed::toString);
        for (JsonObject session : listed) {
            assertNotNull(Instant.parse(session.getString("created_at")));
            assertNotNull(Instant.parse(session.getString("last_used_at")));
            assertFalse(session.getString("address").isBlank(), session::toString);
            assertFalse(session.getString("user_agent").isBlank(), session::toString);
        }
        assertTrue(Instant.parse(newest.getString("last_used_at")).compareTo(Instant.parse(
                newest.getString("created_at"))) >= 0, "the refresh moved its last use: " + newest);
        String sid = newest.getString("id");
        assertEquals(200, api.get("/user/" + user.id(), thiefAccess).status(), "the thief's token works, before");

        Accounts.Account other = accounts.create("sessions-other");
        assertEquals(403, api.get("/user/" + user.id() + "/sessions", other.bearer()).status());
        assertEquals(403, api.delete("/user/" + user.id() + "/sessions/" + sid, other.bearer()).status());

        assertEquals(204, api.delete("/user/" + user.id() + "/sessions/" + sid, user.bearer()).status());
        assertEquals(401, api.get("/user/" + user.id(), thiefAccess).status(),
                "the ended session's access token stops at once, not when it expires");
        assertEquals(401, api.post("/user/refresh-token", null, refresh(thiefRefresh)).status(),
                "and its refresh token");
        assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "the owner's own session goes on");
        assertEquals(1, sessions(user, user.bearer()).size());
        assertEquals(404, api.delete("/user/" + user.id() + "/sessions/" + sid, user.bearer()).status(),
                "an ended session is no longer there to end");
        String admin = accounts.admin().bearer();
        Await.until("a SESSION_END event", Duration.ofSeconds(10), Duration.ofMillis(100), () -> !api.get(
                "/events?type=SESSION_END&user=" + user.id(), admin).json().getJsonArray("data").isEmpty());
    }

    @Test
    void endingEveryOtherSessionNeedsAFreshSignInAndKeepsTheCallersOwn() {
        Accounts.Account user = accounts.create("sessions-all");
        String second = "Bearer " + accounts.login(user.email(), Accounts.PASSWORD).getString("token");
        String third = "Bearer " + accounts.login(user.email(), Accounts.PASSWORD).getString("token");
        String stale = "Bearer " + new TestTokens().signedInAt(user.token(), Instant.now().minusSeconds(3600));
        Api.Reply refused = api.delete("/user/" + user.id() + "/sessions", stale);
        assertEquals(401, refused.status(), "a stolen session cannot throw the owner out: " + refused);
        assertEquals("urn:accounts:problem:reauthentication-required", refused.json().getString("type"));
        assertEquals(3, sessions(user, user.bearer()).size());

        assertEquals(204, api.delete("/user/" + user.id() + "/sessions", user.bearer()).status());
        assertEquals(401, api.get("/user/" + user.id(), second).status());
        assertEquals(401, api.get("/user/" + user.id(), third).status());
        List<JsonObject> left = sessions(user, user.bearer());
        assertEquals(1, left.size(), left::toString);
        assertTrue(left.get(0).getBoolean("current"));

        assertEquals(204, api.delete("/user/" + user.id() + "/sessions", accounts.admin().bearer()).status(),
                "an admin ends them all");
        assertEquals(401, api.get("/user/" + user.id(), user.bearer()).status());
    }
}
