package io.accounts.it;

import com.nimbusds.jwt.SignedJWT;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWKS, the discovery document, and key rotation with tokens of the old key still valid until retired. */
class KeysIT extends DeployedService {

    private List<String> publishedKids() {
        Api.Reply jwks = api.get("/.well-known/jwks.json", null);
        assertEquals(200, jwks.status());
        JsonArray keys = jwks.json().getJsonArray("keys");
        for (JsonValue key : keys) {
            JsonObject jwk = key.asJsonObject();
            assertEquals("EC", jwk.getString("kty"));
            assertEquals("P-256", jwk.getString("crv"));
            assertEquals("ES256", jwk.getString("alg"));
            assertEquals("sig", jwk.getString("use"));
            assertFalse(jwk.containsKey("d"), "never a private part");
        }
        return keys.stream().map(k -> k.asJsonObject().getString("kid")).toList();
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void discoveryNamesTheIssuerKeysAndAlgorithm() {
        Api.Reply config = api.get("/.well-known/openid-configuration", null);
        assertEquals(200, config.status());
        assertEquals(System.getProperty("it.issuer"), config.json().getString("issuer"));
        assertTrue(config.json().getString("jwks_uri").endsWith("/.well-known/jwks.json"));
        assertTrue(config.json().getString("token_endpoint").endsWith("/oauth2/token"));
        assertTrue(config.json().getString("authorization_endpoint").endsWith("/oauth2/authorize"));
        for (String[] endpoint : new String[][]{{"userinfo_endpoint", "/oauth2/userinfo"},
                {"revocation_endpoint", "/oauth2/revoke"}, {"introspection_endpoint", "/oauth2/introspect"},
                {"end_session_endpoint", "/oauth2/logout"}}) {
            assertEquals(System.getProperty("it.issuer") + endpoint[1], config.json().getString(endpoint[0]));
        }
        assertTrue(config.json().getBoolean("authorization_response_iss_parameter_supported"));
        assertEquals("S256", config.json().getJsonArray("code_challenge_methods_supported").getString(0));
        assertEquals("ES256", config.json().getJsonArray("id_token_signing_alg_values_supported").getString(0));
        List<String> kids = publishedKids();
        Accounts.Account user = accounts.create("kid");
        assertTrue(kids.contains(kidOf(user.token())), "the token's kid is published");
    }

    @Test
    void rotationKeepsOldTokensValidAndRetirementEndsThem() {
        Accounts.Account user = accounts.create("rotation");
        String admin = accounts.admin().bearer();
        String oldKid = kidOf(user.token());

        assertEquals(403, api.post("/keys/rotate", user.bearer(), null).status());
        assertEquals(401, api.post("/keys/rotate", null, null).status());
        Api.Reply rotated = api.post("/keys/rotate?immediately=true", admin, null);
        assertEquals(200, rotated.status(), rotated::toString);
        String newKid = rotated.data().getString("kid");
        assertNotEquals(oldKid, newKid);

        String fresh = accounts.login(user.email(), Accounts.PASSWORD).getString("token");
        assertEquals(newKid, kidOf(fresh), "new tokens are signed by the new key");
        assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "old tokens keep verifying");
        assertTrue(publishedKids().containsAll(List.of(oldKid, newKid)));
        Api.Reply listed = api.get("/keys", admin);
        assertEquals(200, listed.status());
        assertTrue(listed.response().body().contains("\"retiring\""), listed::toString);
        assertFalse(listed.response().body().contains("private"), "no private part is listed");

        assertEquals(204, api.delete("/keys/" + oldKid, accounts.admin().bearer()).status());
        assertEquals(401, api.get("/user/" + user.id(), user.bearer()).status(), "a retired key verifies nothing");
        assertFalse(publishedKids().contains(oldKid), "a retired key leaves the JWKS");
        assertEquals(200, api.get("/user/" + user.id(), "Bearer " + fresh).status());
        assertEquals(404, api.delete("/keys/" + oldKid, accounts.admin().bearer()).status());
        Api.Reply active = api.delete("/keys/" + newKid, accounts.admin().bearer());
        assertEquals(409, active.status(), "the signing key is never retired: rotate first " + active);
        assertEquals(200, api.get("/user/" + user.id(), "Bearer " + fresh).status(), "and it still signs and verifies");
    }

    @Test
    void aRotatedKeyIsPublishedBeforeItSigns() throws Exception {
        String admin = accounts.admin().bearer();
        Api.Reply jwks = api.get("/.well-known/jwks.json", null);
        assertEquals("max-age=3", jwks.header("Cache-Control"), "jwt.jwks-max-age-seconds on the test servers");
        Api.Reply rotated = api.post("/keys/rotate", admin, null);
        assertEquals(200, rotated.status(), rotated::toString);
        String kid = rotated.data().getString("kid");
        assertEquals("published", rotated.data().getString("state"));
        assertTrue(publishedKids().contains(kid), "in the JWKS at once");
        Accounts.Account before = accounts.create("published");
        assertNotEquals(kid, kidOf(before.token()), "but not signing yet");
        Thread.sleep(4_500);
        Accounts.Account after = accounts.create("activated");
        assertEquals(kid, kidOf(after.token()), "signing after jwt.key-publish-seconds (4 s on the test servers)");
        assertEquals(200, api.get("/user/" + before.id(), before.bearer()).status(), "the previous key still verifies");
    }
}
