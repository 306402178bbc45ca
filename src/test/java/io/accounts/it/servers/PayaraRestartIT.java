package io.accounts.it.servers;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.PayaraMicro;
import io.accounts.it.support.Secrets;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restart safety on Payara Micro, as an operator runs it (the README's command, without Maven): the real WAR on the
 * embedded default; after a stop and a start, the users, the signing keys, the refresh-token family and a
 * still-valid access token all work, and the logs hold no secret.
 */
class PayaraRestartIT {

    @Test
    void theEmbeddedDefaultKeepsEverythingAcrossARestartOnPayara() throws Exception {
        int port = Integer.getInteger("it.standalone.port");
        Path data = Path.of(System.getProperty("it.payara.dir"), "restart-data");
        URI base = URI.create("http://localhost:" + port + "/");
        Map<String, String> settings = Map.of("data.dir", data.toString(), "jwt.issuer", "http://localhost:" + port,
                "admin.email", "admin@payara-restart.example", "admin.password", "payara-restart-admin-password");
        Api api = new Api(base);
        Accounts accounts = new Accounts(api);
        try (PayaraMicro payara = new PayaraMicro("restart", new File(System.getProperty("it.war")), "/", port, settings)) {
            payara.start();
            payara.await(base, "/health/ready", 200);
            Accounts.Account user = accounts.create("payara-restart");
            JsonObject session = accounts.login(user.email(), Accounts.PASSWORD);
            String kids = api.get("/.well-known/jwks.json", null).response().body();
            payara.stop();
            payara.start();
            payara.await(base, "/health/ready", 200);
            assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "the access token still verifies");
            assertEquals(kids, api.get("/.well-known/jwks.json", null).response().body(), "the same keys");
            Api.Reply rotated = api.post("/user/refresh-token", null, Json.createObjectBuilder()
                    .add("refresh_token", session.getString("refresh_token")).build().toString());
            assertEquals(200, rotated.status(), "the refresh-token family survived: " + rotated);
            assertEquals(200, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
            assertEquals(409, api.post("/user", null, Accounts.registration("A", "B", user.email(), Accounts.PASSWORD))
                    .status(), "the unique index survived too");
            payara.stop();
            List<String> leaks = Secrets.scan(payara.logs(), Secrets.all());
            assertTrue(leaks.isEmpty(), "secrets in Payara's log: " + leaks);
        }
    }
}
