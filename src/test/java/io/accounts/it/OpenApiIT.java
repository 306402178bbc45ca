package io.accounts.it;

import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import io.accounts.policy.Policy;
import io.accounts.policy.PolicyParser;
import io.accounts.security.Roles;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document the server serves says what the service enforces: every operation's security is the access
 * policy's decision for an anonymous caller (read here from {@code server-config/policy.json}, apart from the
 * service), each has an operationId, a tag and a summary, and the errors it answers with their headers.
 */
class OpenApiIT extends DeployedService {

    private static final Path BASEDIR = Path.of(System.getProperty("it.basedir"));
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static Policy policy() throws Exception {
        try (Reader file = Files.newBufferedReader(Path.of(System.getProperty("it.basedir"), "server-config",
                "policy.json")); JsonReader reader = Json.createReader(file)) {
            return new PolicyParser(Roles.ALL).parse(reader.readObject());
        }
    }

    @Test
    void everyOperationsSecurityIsThePolicysDecisionForAnAnonymousCaller() throws Exception {
        Policy policy = policy();
        Api.Reply served = api.send("GET", "/openapi?format=JSON", null, null);
        assertEquals(200, served.status(), served::toString);
        JsonObject paths = served.json().getJsonObject("paths");
        Set<String> operationIds = new HashSet<>();
        int open = 0;
        int guarded = 0;
        for (String path : paths.keySet()) {
            for (String verb : paths.getJsonObject(path).keySet()) {
                if (!VERBS.contains(verb)) {
                    continue;
                }
                String where = verb.toUpperCase(Locale.ROOT) + " " + path;
                JsonObject operation = paths.getJsonObject(path).getJsonObject(verb);
                JsonArray security = operation.getJsonArray("security");
                assertNotNull(security, where + " declares its security");
                JsonObject responses = operation.getJsonObject("responses");
                if (policy.allows(verb.toUpperCase(Locale.ROOT), path, null)) {
                    open++;
                    assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder()).build(), security,
                            where + " is public in the policy: no authentication");
                } else {
                    guarded++;
                    assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("bearer",
                            Json.createArrayBuilder())).build(), security, where + " needs a token in the policy");
                    assertTrue(responses.getJsonObject("401").getJsonObject("headers")
                            .containsKey("WWW-Authenticate"), where + ": its 401 says how to authenticate");
                    assertTrue(responses.containsKey("403"), where + " documents 403");
                }
                String id = operation.getString("operationId", null);
                assertNotNull(id, where + " has an operationId");
                assertTrue(operationIds.add(id), where + ": operationId " + id + " is used twice");
                assertFalse(operation.getJsonArray("tags").isEmpty(), where + " has a tag");
                assertFalse(operation.getString("summary", "").isBlank(), where + " has a summary");
                assertTrue(operation.getString("description", "").contains(security.getJsonObject(0).isEmpty()
                        ? "Anyone may call it" : "Needs a bearer access token"), where + " says who may call it");
                for (String status : new String[]{"400", "500", "503"}) {
                    assertTrue(responses.containsKey(status), where + " documents " + status);
                }
                for (String status : responses.keySet()) {
                    assertTrue(responses.getJsonObject(status).getJsonObject("headers")
                            .containsKey("Access-Control-Allow-Origin"), where + " " + status + " names the CORS header");
                }
                if (path.contains("{")) {
                    assertTrue(responses.containsKey("404"), where + " documents 404");
                }
            }
        }
        assertEquals(48, operationIds.size(), "every operation of the service: " + operationIds);
        JsonObject newUser = served.json().getJsonObject("components").getJsonObject("schemas")
                .getJsonObject("NewUser");
        assertEquals(100, newUser.getJsonObject("properties").getJsonObject("first_name").getInt("maxLength"),
                "a body's properties by their names on the wire, with the validation limits: " + newUser);
        assertEquals(8, newUser.getJsonObject("properties").getJsonObject("password").getInt("minLength"));
        assertTrue(!newUser.containsKey("required") || newUser.getJsonArray("required").toString()
                .contains("\"last_name\""), "required names the wire names too (Liberty lists them): " + newUser);
        JsonObject server = served.json().getJsonArray("servers").getJsonObject(0);
        assertEquals(System.getProperty("it.issuer"), server.getString("url"), "the public address, jwt.issuer");
        assertFalse(server.getBoolean("x-internal"));
        assertEquals(served.json().getJsonArray("tags").size(), served.json().getJsonArray("tags")
                .getValuesAs(JsonObject.class).stream().map(t -> t.getString("name")).distinct().count(),
                "each tag once");
        assertTrue(open > 10 && guarded > 20, open + " public, " + guarded + " guarded");
        JsonObject login = paths.getJsonObject("/user/login").getJsonObject("post");
        assertEquals("login", login.getString("operationId"));
        assertTrue(login.getJsonObject("responses").getJsonObject("429").getJsonObject("headers")
                .containsKey("Retry-After"), "a throttled operation documents 429 and Retry-After");
        assertTrue(paths.getJsonObject("/user").getJsonObject("post").getJsonObject("responses").containsKey("409"),
                "a registration of a taken address documents 409");
        assertTrue(paths.getJsonObject("/oauth2/token").getJsonObject("post").getJsonObject("responses")
                .getJsonObject("400").getJsonObject("content").containsKey("application/json"),
                "the OAuth endpoints answer RFC 6749 JSON, not problem+json");
    }

    /**
     * The document the generated client is made from ({@code src/test/openapi/openapi.json}, read by the build before
     * any server runs) is the one Open Liberty serves; Payara's has the same operations with the same security. When
     * the API changes, copy {@code target/openapi/liberty.json} there (this test writes it).
     */
    @Test
    void theGeneratedClientIsMadeFromTheServedDocument() throws Exception {
        JsonObject committed;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(BASEDIR.resolve(
                "src/test/openapi/openapi.json")))) {
            committed = reader.readObject();
        }
        Api.Reply served = api.send("GET", "/openapi?format=JSON", null, null);
        Path copy = Files.createDirectories(BASEDIR.resolve("target/openapi")).resolve(
                (onPayara() ? "payara" : "liberty") + ".json");
        Files.writeString(copy, served.response().body(), StandardCharsets.UTF_8);
        if (onPayara()) {
            assertEquals(operations(committed), operations(served.json()), "the same operations and security");
        } else {
            assertEquals(committed, served.json(), "src/test/openapi/openapi.json is not what the server serves:"
                    + " copy " + copy + " there");
        }
    }

    /** Each operation as {@code VERB path operationId security}. */
    private static Set<String> operations(JsonObject document) {
        Set<String> operations = new java.util.TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String verb : paths.getJsonObject(path).keySet()) {
                if (VERBS.contains(verb)) {
                    JsonObject operation = paths.getJsonObject(path).getJsonObject(verb);
                    operations.add(verb + " " + path + " " + operation.getString("operationId") + " "
                            + operation.getJsonArray("security"));
                }
            }
        }
        return operations;
    }

    /**
     * Stoplight Spectral, with its OpenAPI rules and the OWASP API Security Top 10 2023 ruleset
     * ({@code src/test/spectral/ruleset.yaml}, installed from the npm registry by {@code scripts/ensure-spectral.sh}
     * when missing), finds no error and no warning in the document this server serves. Its report is kept beside the document in
     * {@code target/openapi}.
     */
    @Test
    void spectralFindsNothingInTheServedDocument() throws Exception {
        Path dir = Files.createDirectories(BASEDIR.resolve("target/openapi"));
        String server = onPayara() ? "payara" : "liberty";
        Api.Reply served = api.send("GET", "/openapi?format=JSON", null, null);
        assertEquals(200, served.status(), served::toString);
        Path document = dir.resolve(server + ".json");
        Files.writeString(document, served.response().body(), StandardCharsets.UTF_8);

        Process install = new ProcessBuilder("bash", BASEDIR.resolve("scripts/ensure-spectral.sh").toString())
                .redirectError(BASEDIR.resolve("target/ensure-spectral.log").toFile()).start();
        String spectral = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(600, TimeUnit.SECONDS) && install.exitValue() == 0, "spectral is installed: see"
                + " target/ensure-spectral.log");
        // the ruleset names the OWASP ruleset as a package: it resolves from beside the installation
        Path home = Path.of(spectral).getParent().getParent().getParent();
        Path ruleset = home.resolve("ruleset.yaml");
        Files.copy(BASEDIR.resolve("src/test/spectral/ruleset.yaml"), ruleset, StandardCopyOption.REPLACE_EXISTING);
        Path report = dir.resolve(server + "-spectral.json");
        Process lint = new ProcessBuilder(spectral, "lint", document.toString(), "--ruleset", ruleset.toString(),
                "--format", "json", "--output", report.toString(), "--fail-severity", "error", "--quiet")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(server + "-spectral.log").toFile()).start();
        assertTrue(lint.waitFor(300, TimeUnit.SECONDS), "spectral finished");
        JsonArray results;
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(report))) {
            results = reader.readArray();
        }
        // errors and warnings alike: a rule left off on purpose is switched off in the ruleset, with its reason
        List<String> findings = results.getValuesAs(JsonObject.class).stream().filter(r -> r.getInt("severity") <= 1)
                .map(r -> (r.getInt("severity") == 0 ? "error " : "warning ") + r.getString("code") + " at "
                        + r.getJsonArray("path") + ": " + r.getString("message")).toList();
        assertEquals(List.of(), findings, "Spectral on " + server + " (" + report + ")");
        assertEquals(0, lint.exitValue(), "spectral's own verdict: " + dir.resolve(server + "-spectral.log"));
    }
}
