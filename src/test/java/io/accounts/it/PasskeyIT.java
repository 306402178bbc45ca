package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.SoftwareAuthenticator;
import io.accounts.it.support.TestSmtp;
import io.accounts.it.support.TestTokens;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passkeys (WebAuthn) through the API, against the real server, with an authenticator in the test code: adding one,
 * signing in with it as a full sign-in, and each way a ceremony is refused (API.md, "Passkeys").
 */
class PasskeyIT extends DeployedService {

    private final TestTokens tokens = new TestTokens();

    private String origin() {
        URI base = api.base();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private JsonObject creationOptions(Accounts.Account user) {
        Api.Reply reply = api.post("/user/" + user.id() + "/passkeys/options", user.bearer(), null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control"));
        return reply.data();
    }

    private JsonObject add(Accounts.Account user, SoftwareAuthenticator authenticator, String name) {
        JsonObject response = authenticator.register(creationOptions(user), origin());
        Api.Reply added = api.post("/user/" + user.id() + "/passkeys", user.bearer(),
                name == null ? response.toString() : Json.createObjectBuilder(response).add("name", name).build().toString());
        assertEquals(201, added.status(), added::toString);
        return added.data();
    }

    private String signInChallenge() {
        Api.Reply reply = api.post("/user/passkey-login/options", null, null);
        assertEquals(200, reply.status(), reply::toString);
        return reply.data().getString("challenge");
    }

    private Api.Reply signIn(JsonObject response) {
        return api.post("/user/passkey-login", null, response.toString());
    }

    private static JsonObject tamperedSignature(JsonObject response) {
        byte[] signature = Base64.getUrlDecoder().decode(response.getJsonObject("response").getString("signature"));
        signature[signature.length - 1] ^= 1;
        return Json.createObjectBuilder(response).add("response", Json.createObjectBuilder(response.getJsonObject(
                "response")).add("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature))).build();
    }

    private boolean hasEvent(String admin, String type, String userId, String detail) {
        return api.get("/events?type=" + type + "&user=" + userId, admin).json().getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().anyMatch(e -> detail == null || e.toString().contains(detail));
    }

    @Test
    void aUserAddsAPasskeyAndSignsInWithItWithoutPasswordOrSecondFactor() throws Exception {
        Accounts.Account user = accounts.create("passkey");
        String secret = api.post("/user/" + user.id() + "/totp", user.bearer(), null).data().getString("secret");
        assertEquals(200, api.post("/user/" + user.id() + "/totp/confirm", user.bearer(),
                "{\"code\":\"" + TotpIT.code(secret, 0) + "\"}").status(), "the account has a second factor");

        JsonObject options = creationOptions(user);
        assertEquals("localhost", options.getJsonObject("rp").getString("id"));
        assertEquals(user.email(), options.getJsonObject("user").getString("name"));
        assertTrue(Base64.getUrlDecoder().decode(options.getString("challenge")).length >= 16);
        assertEquals(Set.of(-7, -257), Set.copyOf(options.getJsonArray("pubKeyCredParams").getValuesAs(JsonObject.class)
                .stream().map(p -> p.getInt("alg")).toList()));
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("residentKey"));
        assertEquals("required", options.getJsonObject("authenticatorSelection").getString("userVerification"));
        assertEquals("none", options.getString("attestation"));

        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        JsonObject response = authenticator.register(options, origin());
        Api.Reply added = api.post("/user/" + user.id() + "/passkeys", user.bearer(),
                Json.createObjectBuilder(response).add("name", "Laptop").build().toString());
        assertEquals(201, added.status(), added::toString);
        assertEquals(authenticator.id(), added.data().getString("id"));
        String notice = TestSmtp.mail(user.email(), "A passkey was added to your account").orElseThrow();
        assertTrue(notice.contains("\"Laptop\"") && notice.contains("/account/"), notice);
        assertEquals("Laptop", added.data().getString("name"));

        Api.Reply listed = api.get("/user/" + user.id() + "/passkeys", user.bearer());
        assertEquals(200, listed.status(), listed::toString);
        List<JsonObject> passkeys = listed.json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertEquals(1, passkeys.size(), passkeys::toString);
        assertEquals(Set.of("id", "name", "created_at", "last_used_at"), passkeys.get(0).keySet(), "never key material");
        assertEquals(JsonValue.ValueType.NULL, passkeys.get(0).get("last_used_at").getValueType());

        Api.Reply requestOptions = api.post("/user/passkey-login/options", null, null);
        assertEquals(200, requestOptions.status(), requestOptions::toString);
        assertEquals("no-store", requestOptions.header("Cache-Control"));
        assertFalse(requestOptions.data().containsKey("allowCredentials"), "discoverable credentials");
        assertEquals("required", requestOptions.data().getString("userVerification"));
        assertEquals("localhost", requestOptions.data().getString("rpId"));

        Instant before = Instant.now().minusSeconds(2);
        Api.Reply signedIn = signIn(authenticator.signIn(requestOptions.data().getString("challenge"), origin()));
        assertEquals(200, signedIn.status(), signedIn::toString);
        assertEquals("no-store", signedIn.header("Cache-Control"));
        String token = signedIn.data().getString("token");
        assertNotNull(signedIn.data().getString("refresh_token"));
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(user.id(), claims.getSubject());
        assertNotNull(claims.getLongClaim("auth_time"), claims::toString);
        assertTrue(claims.getLongClaim("auth_time") >= before.getEpochSecond(), "a passkey sign-in sets auth_time");
        assertEquals(200, api.get("/user/" + user.id(), "Bearer " + token).status());
        assertEquals(200, api.post("/user/refresh-token", null, Json.createObjectBuilder()
                .add("refresh_token", signedIn.data().getString("refresh_token")).build().toString()).status());
        assertEquals(401, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status(),
                "the password alone still needs the second factor; the passkey did not");

        assertFalse(api.get("/user/" + user.id() + "/passkeys", user.bearer()).json().getJsonArray("data")
                .getJsonObject(0).isNull("last_used_at"), "the use is recorded");
        String admin = accounts.admin().bearer();
        Await.until("PASSKEY_ADDED and LOGIN with method passkey", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> hasEvent(admin, "PASSKEY_ADDED", user.id(), null) && hasEvent(admin, "LOGIN", user.id(), "\"method\":\"passkey\""));
    }

    @Test
    void anRs256PasskeyWorksAndANameIsGivenWhenNoneIsSent() throws Exception {
        Accounts.Account user = accounts.create("passkey-rsa");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.rs256();
        JsonObject added = add(user, authenticator, null);
        assertTrue(added.getString("name").startsWith("Passkey added "), added::toString);
        Api.Reply signedIn = signIn(authenticator.signIn(signInChallenge(), origin()));
        assertEquals(200, signedIn.status(), signedIn::toString);
    }

    @Test
    void everyFailedSignInIsTheSame401() throws Exception {
        Accounts.Account user = accounts.create("passkey-refused");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        add(user, authenticator, "Phone");
        Accounts.Account other = accounts.create("passkey-other");
        SoftwareAuthenticator othersKey = SoftwareAuthenticator.es256();
        add(other, othersKey, "Other's");

        JsonObject good = authenticator.signIn(signInChallenge(), origin());
        JsonObject unknown = SoftwareAuthenticator.es256().signIn(signInChallenge(), origin());
        JsonObject wrongOrigin = authenticator.signIn(signInChallenge(), "https://evil.example");
        JsonObject unknownChallenge = authenticator.signIn(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]), origin());
        JsonObject badSignature = tamperedSignature(authenticator.signIn(signInChallenge(), origin()));
        String otherHandle = creationOptions(other).getJsonObject("user").getString("id");
        authenticator.userHandle(otherHandle);
        JsonObject otherUser = authenticator.signIn(signInChallenge(), origin());
        JsonObject notAResponse = Json.createObjectBuilder().add("id", "x").add("type", "public-key").build();

        List<Api.Reply> refused = List.of(signIn(unknown), signIn(wrongOrigin), signIn(unknownChallenge),
                signIn(badSignature), signIn(otherUser), signIn(notAResponse));
        for (Api.Reply reply : refused) {
            assertEquals(401, reply.status(), reply::toString);
            assertEquals(refused.get(0).json().getString("detail"), reply.json().getString("detail"),
                    "one answer for every failure: " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
        assertEquals(200, signIn(good).status(), "the right response still works");
        Api.Reply replayed = signIn(good);
        assertEquals(401, replayed.status(), "a challenge works once: " + replayed);
        assertEquals(refused.get(0).json().getString("detail"), replayed.json().getString("detail"));

        assertEquals(400, api.post("/user/passkey-login", null, "not json").status());
        assertEquals(400, api.post("/user/passkey-login", null, "[1]").status());
        assertEquals(400, api.post("/user/passkey-login", null, null).status(), "no body");
        String admin = accounts.admin().bearer();
        Await.until("LOGIN_ERROR events with their reasons", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> hasEvent(admin, "LOGIN_ERROR", user.id(), "user handle of another account")
                        && hasEvent(admin, "LOGIN_ERROR", user.id(), "signature, origin or flags"));
    }

    @Test
    void aSignCounterThatGoesBackwardsIsRefusedAndRecorded() throws Exception {
        Accounts.Account user = accounts.create("passkey-clone");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        authenticator.counter(10);
        add(user, authenticator, "Key");
        assertEquals(200, signIn(authenticator.signIn(signInChallenge(), origin())).status(), "counter 11");
        authenticator.counter(5);
        Api.Reply copy = signIn(authenticator.signIn(signInChallenge(), origin()));
        assertEquals(401, copy.status(), "counter 6 after 11: a copy of the credential: " + copy);
        String admin = accounts.admin().bearer();
        Await.until("PASSKEY_CLONED", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> hasEvent(admin, "PASSKEY_CLONED", user.id(), null));
        authenticator.counter(20);
        assertEquals(200, signIn(authenticator.signIn(signInChallenge(), origin())).status(), "the genuine one, later");
    }

    @Test
    void registrationIsASensitiveChangeAndEachBadCeremonyIsRefused() throws Exception {
        Accounts.Account user = accounts.create("passkey-register");
        Accounts.Account other = accounts.create("passkey-register-other");
        String stale = "Bearer " + tokens.signedInAt(user.token(), Instant.now().minusSeconds(3600));
        Api.Reply notFresh = api.post("/user/" + user.id() + "/passkeys/options", stale, null);
        assertEquals(401, notFresh.status(), notFresh::toString);
        assertEquals("urn:accounts:problem:reauthentication-required", notFresh.json().getString("type"));
        assertEquals(403, api.post("/user/" + user.id() + "/passkeys/options", other.bearer(), null).status());
        assertEquals(401, api.post("/user/" + user.id() + "/passkeys/options", null, null).status());
        assertEquals(403, api.post("/user/" + user.id() + "/passkeys/options", accounts.admin().bearer(), null).status(),
                "an admin adds no passkey to someone else's account");

        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        JsonObject response = authenticator.register(creationOptions(user), origin());
        Api.Reply foreign = api.post("/user/" + other.id() + "/passkeys", other.bearer(), response.toString());
        assertEquals(400, foreign.status(), "a challenge issued to another user: " + foreign);
        JsonObject wrongOrigin = authenticator.register(creationOptions(user), "https://evil.example");
        assertEquals(400, api.post("/user/" + user.id() + "/passkeys", user.bearer(), wrongOrigin.toString()).status());
        JsonObject good = authenticator.register(creationOptions(user), origin());
        assertEquals(201, api.post("/user/" + user.id() + "/passkeys", user.bearer(), good.toString()).status());
        Api.Reply replayed = api.post("/user/" + user.id() + "/passkeys", user.bearer(), good.toString());
        assertEquals(400, replayed.status(), "a finished ceremony again: " + replayed);
        assertEquals("application/problem+json", replayed.contentType());
        JsonObject again = authenticator.register(creationOptions(user), origin());
        assertEquals(409, api.post("/user/" + user.id() + "/passkeys", user.bearer(), again.toString()).status(),
                "the same credential twice");
        JsonObject excluded = creationOptions(user);
        assertEquals(authenticator.id(), excluded.getJsonArray("excludeCredentials").getJsonObject(0).getString("id"));
        JsonObject named = Json.createObjectBuilder(SoftwareAuthenticator.es256().register(excluded, origin()))
                .add("name", "x".repeat(65)).build();
        Api.Reply tooLong = api.post("/user/" + user.id() + "/passkeys", user.bearer(), named.toString());
        assertEquals(400, tooLong.status(), tooLong::toString);
        assertTrue(tooLong.json().getJsonObject("errors").containsKey("name"), tooLong::toString);
        assertEquals(400, api.post("/user/" + user.id() + "/passkeys", user.bearer(), "{\"id\":1}").status());
        assertEquals(400, api.post("/user/" + user.id() + "/passkeys", user.bearer(), null).status());
    }

    @Test
    void ownersAndAdminsRemovePasskeysAndADeletedAccountTakesItsPasskeys() throws Exception {
        Accounts.Account user = accounts.create("passkey-remove");
        SoftwareAuthenticator first = SoftwareAuthenticator.es256();
        SoftwareAuthenticator second = SoftwareAuthenticator.es256();
        add(user, first, "First");
        add(user, second, "Second");
        String stale = "Bearer " + tokens.signedInAt(user.token(), Instant.now().minusSeconds(3600));
        assertEquals(401, api.delete("/user/" + user.id() + "/passkeys/" + first.id(), stale).status(),
                "removing is a sensitive change");
        Accounts.Account other = accounts.create("passkey-remove-other");
        assertEquals(403, api.delete("/user/" + user.id() + "/passkeys/" + first.id(), other.bearer()).status());
        assertEquals(403, api.get("/user/" + user.id() + "/passkeys", other.bearer()).status());
        assertEquals(404, api.delete("/user/" + other.id() + "/passkeys/" + first.id(), other.bearer()).status(),
                "only the owner's own passkeys");

        assertEquals(204, api.delete("/user/" + user.id() + "/passkeys/" + first.id(), user.bearer()).status());
        assertEquals(401, signIn(first.signIn(signInChallenge(), origin())).status(), "a removed passkey signs no one in");
        assertEquals(404, api.delete("/user/" + user.id() + "/passkeys/" + first.id(), user.bearer()).status());

        String admin = accounts.admin().bearer();
        Api.Reply listed = api.get("/user/" + user.id() + "/passkeys", admin);
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(List.of("Second"), listed.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).toList());
        assertEquals(200, signIn(second.signIn(signInChallenge(), origin())).status());
        assertEquals(204, api.delete("/user/" + user.id(), user.bearer()).status());
        assertEquals(401, signIn(second.signIn(signInChallenge(), origin())).status(),
                "the account's deletion took its passkeys");
        Await.until("PASSKEY_REMOVED", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> hasEvent(admin, "PASSKEY_REMOVED", user.id(), "owner"));

        Accounts.Account third = accounts.create("passkey-admin-removes");
        SoftwareAuthenticator key = SoftwareAuthenticator.es256();
        add(third, key, "Key");
        assertEquals(204, api.delete("/user/" + third.id() + "/passkeys/" + key.id(), admin).status());
        assertEquals(401, signIn(key.signIn(signInChallenge(), origin())).status());
        Await.until("PASSKEY_REMOVED by admin", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> hasEvent(admin, "PASSKEY_REMOVED", third.id(), "admin"));
    }
}
