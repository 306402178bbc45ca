package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input for every body field: each is a 400 problem naming the field, never a 500 or a stored record. */
class InputIT extends DeployedService {

    private static JsonObjectBuilder validRegistration() {
        return Json.createObjectBuilder().add("first_name", "Ada").add("last_name", "Lovelace")
                .add("email", Accounts.uniqueEmail("input")).add("password", Accounts.PASSWORD);
    }

    /** Field name to the bad values it must refuse. */
    private static Map<String, List<JsonValue>> badRegistrationValues() {
        Map<String, List<JsonValue>> bad = new LinkedHashMap<>();
        JsonValue tooLongName = Json.createValue("x".repeat(101));
        bad.put("first_name", List.of(JsonValue.NULL, Json.createValue("   "), tooLongName, Json.createValue(7)));
        bad.put("last_name", List.of(JsonValue.NULL, Json.createValue(""), tooLongName, JsonValue.TRUE));
        bad.put("email", List.of(JsonValue.NULL, Json.createValue("not-an-email"), Json.createValue("a@b"),
                Json.createValue("x".repeat(250) + "@example.com"),
                Json.createObjectBuilder().add("$ne", JsonValue.NULL).build()));
        bad.put("password", List.of(JsonValue.NULL, Json.createValue("short"), Json.createValue("p".repeat(129)),
                Json.createArrayBuilder().add("a").build()));
        return bad;
    }

    private void assertFieldError(Api.Reply reply, String field, String context) {
        assertEquals(400, reply.status(), context + " " + reply);
        assertEquals("application/problem+json", reply.contentType(), context);
        JsonObject problem = reply.json();
        assertEquals(400, problem.getInt("status"));
        assertEquals(problem.getString("detail"), problem.getString("message"));
        assertTrue(problem.getJsonObject("errors").containsKey(field), context + " " + reply);
        assertFalse(reply.response().body().contains("Exception"), context);
    }

    @Test
    void registrationRefusesEachBadFieldAndStoresNothing() {
        badRegistrationValues().forEach((field, values) -> {
            for (JsonValue value : values) {
                JsonObject body = validRegistration().add(field, value).build();
                assertFieldError(api.post("/user", null, body.toString()), field, field + "=" + value);
                int login = api.post("/user/login", null, Accounts.credentials(
                        body.get("email") instanceof JsonString e ? e.getString() : "x@example.com",
                        Accounts.PASSWORD)).status();
                assertTrue(login == 401 || login == 400, "nothing was stored for " + field + "=" + value);
            }
            JsonObject missing = validRegistration().remove(field).build();
            assertFieldError(api.post("/user", null, missing.toString()), field, field + " missing");
        });
    }

    @Test
    void registrationRefusesFieldsTheClientDoesNotOwn() {
        for (String field : List.of("roles", "_id", "id", "password_hash", "created_at", "isAdmin")) {
            JsonObject body = validRegistration().add(field, field.equals("roles")
                    ? Json.createArrayBuilder().add("admin").build() : Json.createValue("x")).build();
            Api.Reply reply = api.post("/user", null, body.toString());
            assertFieldError(reply, field, field);
            assertEquals(List.of("unknown field"), reply.json().getJsonObject("errors").getJsonArray(field)
                    .getValuesAs(JsonString::getString));
        }
    }

    @Test
    void malformedBodiesAre400() {
        for (String body : List.of("", "{", "[]", "\"text\"", "{\"email\":\"a@b.io\"} {}", "{\"email\":\"a@b.io\",\"email\":\"c@d.io\"}")) {
            Api.Reply reply = api.post("/user", null, body);
            assertEquals(400, reply.status(), "[" + body + "] " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
        Api.Reply text = api.send("POST", "/user", null, null);
        assertTrue(text.status() == 400 || text.status() == 415, text.toString());
    }

    @Test
    void emailIsUniqueWithoutRegardToCaseAndStoredLowerCased() {
        String email = Accounts.uniqueEmail("Case");
        Api.Reply first = api.post("/user", null, Accounts.registration("A", "B", email.toUpperCase(), Accounts.PASSWORD));
        assertEquals(201, first.status());
        assertEquals(email.toLowerCase(), first.data().getString("email"));
        Api.Reply second = api.post("/user", null, Accounts.registration("A", "B", email.toLowerCase(), Accounts.PASSWORD));
        assertEquals(409, second.status());
        assertEquals("application/problem+json", second.contentType());
    }

    @Test
    void updateRefusesEachBadFieldUnknownFieldsAndTakenEmails() {
        Accounts.Account account = accounts.create("upd");
        Accounts.Account other = accounts.create("taken");
        String path = "/user/" + account.id();
        Map<String, List<JsonValue>> bad = badRegistrationValues();
        bad.remove("password");
        bad.forEach((field, values) -> {
            for (JsonValue value : values) {
                JsonObject body = validRegistration().remove("password").add(field, value).build();
                assertFieldError(api.put(path, account.bearer(), body.toString()), field, "PUT " + field);
            }
            JsonObject missing = validRegistration().remove("password").remove(field).build();
            assertFieldError(api.put(path, account.bearer(), missing.toString()), field, "PUT missing " + field);
        });
        for (String field : List.of("roles", "password", "_id")) {
            JsonObject body = validRegistration().remove("password").add(field, "x").build();
            assertFieldError(api.put(path, account.bearer(), body.toString()), field, "PUT " + field);
        }
        JsonObject taken = validRegistration().remove("password").add("email", other.email().toUpperCase()).build();
        assertEquals(409, api.put(path, account.bearer(), taken.toString()).status());
        assertEquals(account.email(), api.get(path, account.bearer()).data().getString("email"), "unchanged");
    }

    @Test
    void loginAndRefreshRefuseMalformedBodies() {
        assertFieldError(api.post("/user/login", null, "{\"email\":\"a@b.io\"}"), "password", "login");
        assertFieldError(api.post("/user/login", null, "{\"password\":\"x\"}"), "email", "login");
        assertFieldError(api.post("/user/login", null, "{\"email\":1,\"password\":\"x\"}"), "email", "login");
        assertFieldError(api.post("/user/login", null, "{\"email\":\"a@b.io\",\"password\":\"x\",\"roles\":\"1\"}"),
                "roles", "login");
        assertFieldError(api.post("/user/login", null, "{\"email\":\"a@b.io\",\"password\":\"x\",\"otp\":7}"),
                "otp", "login");
        assertFieldError(api.post("/user/login", null, "{\"email\":\"a@b.io\",\"password\":\"" + "p".repeat(129) + "\"}"),
                "password", "login");
        assertFieldError(api.post("/user/refresh-token", null, "{}"), "one_of_both", "refresh");
        assertFieldError(api.post("/user/refresh-token", null, "{\"refresh_token\":\"" + "r".repeat(513) + "\"}"),
                "refresh_token", "refresh");
        assertFieldError(api.post("/user/refresh-token", null, ""), "body", "refresh");
        assertFieldError(api.post("/user/login", null, ""), "body", "login");
        assertFieldError(api.post("/user/refresh-token", null, "{\"token\":5}"), "token", "refresh");
        assertFieldError(api.post("/user/refresh-token", null, "{\"token\":\"a\",\"extra\":\"b\"}"), "extra", "refresh");
    }

    @Test
    void pagingParametersAreChecked() {
        String admin = accounts.admin().bearer();
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "limit=-1", "after=nope")) {
            Api.Reply reply = api.get("/user?" + query, admin);
            assertEquals(400, reply.status(), query + " " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
    }

    @Test
    void theRuntimesOwnErrorsAreProblemJsonToo() {
        Api.Reply unknownPath = api.get("/no/such/path", null);
        assertEquals(404, unknownPath.status());
        assertEquals("application/problem+json", unknownPath.contentType());
        assertEquals(404, unknownPath.json().getInt("status"));
        Api.Reply wrongMethod = api.send("PATCH", "/user/login", null, "{}");
        assertEquals(405, wrongMethod.status());
        assertEquals("application/problem+json", wrongMethod.contentType());
        var request = HttpRequest.newBuilder(api.base().resolve("user"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build();
        try {
            var response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            assertFalse(response.body().contains("Exception"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void changingThePasswordOfNoSuchUserIs404AndOfAMalformedId400() {
        String admin = accounts.admin().bearer();
        String body = Json.createObjectBuilder().add("new_password", "a new and uncommon passphrase").build().toString();
        assertEquals(404, api.put("/user/0123456789abcdef01234567/password", admin, body).status());
        assertEquals(400, api.put("/user/not-an-id/password", admin, body).status());
        assertEquals(400, api.put("/user/not-an-id/roles", admin, "{\"roles\":[\"user\"]}").status());
    }
}
