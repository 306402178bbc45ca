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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registering the applications that sign their users in through the service (API.md, "Clients"): admins only. */
class ClientsIT extends DeployedService {

    private final TestTokens tokens = new TestTokens();

    private static String client(String name, String type, String... redirects) {
        return Json.createObjectBuilder().add("client_name", name).add("type", type)
                .add("redirect_uris", Json.createArrayBuilder(List.of(redirects)))
                .add("post_logout_redirect_uris", Json.createArrayBuilder(List.of("https://app.example.com/bye")))
                .build().toString();
    }

    @Test
    void anAdminRegistersListsAndRemovesClientsAndTheSecretIsToldOnce() throws Exception {
        Accounts.Account admin = accounts.admin();
        Api.Reply registered = api.post("/clients", admin.bearer(),
                client("Intranet", "confidential", "https://app.example.com/callback"));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals("no-store", registered.header("Cache-Control"));
        JsonObject confidential = registered.data();
        String id = confidential.getString("client_id");
        assertTrue(registered.header("Location").endsWith("/clients/" + id), registered.header("Location"));
        assertTrue(confidential.getString("client_secret").length() >= 43, "256 bits: " + confidential);
        assertEquals(List.of("https://app.example.com/callback"), confidential.getJsonArray("redirect_uris")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        Api.Reply publicOne = api.post("/clients", admin.bearer(), client("Phone app", "public", "http://127.0.0.1:7000/cb"));
        assertEquals(201, publicOne.status(), publicOne::toString);
        assertFalse(publicOne.data().containsKey("client_secret"), "a public client has no secret");
        assertTrue(confidential.getBoolean("require_pkce"), "PKCE unless said otherwise");
        Api.Reply publicWithoutPkce = api.post("/clients", admin.bearer(), client("Phone app", "public",
                "http://127.0.0.1:7000/cb").replace("{", "{\"require_pkce\":false,"));
        assertEquals(400, publicWithoutPkce.status(), publicWithoutPkce::toString);
        assertTrue(publicWithoutPkce.json().getJsonObject("errors").containsKey("require_pkce"), publicWithoutPkce::toString);
        Api.Reply confidentialWithout = api.post("/clients", admin.bearer(), client("Jakarta Security app",
                "confidential", "https://app.example.com/callback").replace("{", "{\"require_pkce\":false,"));
        assertEquals(201, confidentialWithout.status(), confidentialWithout::toString);
        assertFalse(confidentialWithout.data().getBoolean("require_pkce"));
        assertEquals(400, api.post("/clients", admin.bearer(), client("Typo", "confidential",
                "https://app.example.com/callback").replace("{", "{\"require_pkce\":\"no\",")).status(),
                "a flag is true or false");

        Api.Reply listed = api.get("/clients", admin.bearer());
        assertEquals(200, listed.status(), listed::toString);
        JsonObject shown = listed.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("client_id").equals(id)).findFirst().orElseThrow();
        assertFalse(shown.containsKey("client_secret") || shown.toString().contains("secret"),
                "never the secret or its hash again: " + shown);

        assertEquals(204, api.delete("/clients/" + id, admin.bearer()).status());
        assertEquals(404, api.delete("/clients/" + id, admin.bearer()).status());
        assertTrue(api.get("/clients", admin.bearer()).json().getJsonArray("data").getValuesAs(JsonObject.class)
                .stream().noneMatch(c -> c.getString("client_id").equals(id)));
        Await.until("CLIENT_CREATED and CLIENT_DELETED", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> api.get("/events?type=CLIENT_CREATED", admin.bearer()).json().getJsonArray("data").toString()
                        .contains(id) && api.get("/events?type=CLIENT_DELETED", admin.bearer()).json()
                        .getJsonArray("data").toString().contains(id));
    }

    @Test
    void badRegistrationsAndCallersOtherThanAFreshAdminAreRefused() {
        Accounts.Account admin = accounts.admin();
        for (String bad : List.of(client("Plain http", "confidential", "http://app.example.com/cb"),
                client("Fragment", "confidential", "https://app.example.com/cb#top"),
                client("Relative", "public", "/cb"),
                client("No URIs", "public"),
                client("Odd type", "implicit", "https://app.example.com/cb"),
                client("", "public", "https://app.example.com/cb"),
                "{\"client_name\":\"x\",\"type\":\"public\",\"redirect_uris\":[\"https://a.example/cb\"],\"secret\":\"mine\"}")) {
            Api.Reply refused = api.post("/clients", admin.bearer(), bad);
            assertEquals(400, refused.status(), bad + " -> " + refused);
            assertEquals("application/problem+json", refused.contentType());
        }
        String body = client("Someone's", "public", "https://app.example.com/cb");
        Accounts.Account user = accounts.create("not-admin");
        assertEquals(403, api.post("/clients", user.bearer(), body).status());
        assertEquals(403, api.get("/clients", user.bearer()).status());
        assertEquals(401, api.post("/clients", null, body).status());
        String stale = "Bearer " + tokens.signedInAt(admin.token(), Instant.now().minusSeconds(3600));
        Api.Reply notFresh = api.post("/clients", stale, body);
        assertEquals(401, notFresh.status(), "registering a client is a sensitive change: " + notFresh);
        assertEquals("urn:accounts:problem:reauthentication-required", notFresh.json().getString("type"));
    }
}
