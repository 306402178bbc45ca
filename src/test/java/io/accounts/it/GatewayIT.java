package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.Nginx;
import io.accounts.it.support.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy's decision served to gateways: the API Gateway TOKEN authorizer, forward-auth, and a real nginx. */
class GatewayIT extends DeployedService {

    private static final String ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef123/Prod";

    private static String event(String token, String verb, String path) {
        return Json.createObjectBuilder().add("type", "TOKEN").add("authorizationToken", token)
                .add("methodArn", ARN + "/" + verb + path).build().toString();
    }

    private static List<String> resources(JsonObject answer, String effect) {
        for (JsonValue statement : answer.getJsonObject("policyDocument").getJsonArray("Statement")) {
            JsonObject s = statement.asJsonObject();
            assertEquals("execute-api:Invoke", s.getString("Action"));
            if (s.getString("Effect").equals(effect)) {
                return s.getJsonArray("Resource").getValuesAs(JsonString::getString);
            }
        }
        return List.of();
    }

    @Test
    void theTokenAuthorizerAnswersTheTutorialsPolicyShape() {
        Accounts.Account user = accounts.create("lambda");
        Api.Reply own = api.post("/authorize", null, event(user.bearer(), "GET", "/user/" + user.id()));
        assertEquals(200, own.status(), own::toString);
        JsonObject answer = own.json();
        assertEquals(user.id(), answer.getString("principalId"));
        assertEquals("2012-10-17", answer.getJsonObject("policyDocument").getString("Version"));
        List<String> allowed = resources(answer, "Allow");
        assertTrue(allowed.contains(ARN + "/GET/user/" + user.id()), allowed.toString());
        assertTrue(allowed.contains(ARN + "/PUT/user/" + user.id() + "/password"), "the self rule, resolved");
        assertTrue(allowed.contains(ARN + "/POST/user/logout"), allowed.toString());
        assertFalse(allowed.stream().anyMatch(a -> a.contains("/keys")), "no admin grants for a user");
        assertEquals(user.email(), answer.getJsonObject("context").getString("upn"));
        assertEquals("user", answer.getJsonObject("context").getString("groups"));

        JsonObject other = api.post("/authorize", null, event(user.token(), "GET", "/user/0123456789abcdef01234567")).json();
        assertTrue(resources(other, "Deny").contains(ARN + "/GET/user/0123456789abcdef01234567"), other.toString());

        JsonObject bad = api.post("/authorize", null, event("Bearer not-a-token", "GET", "/user/" + user.id())).json();
        assertEquals("anonymous", bad.getString("principalId"));
        assertEquals(List.of(ARN + "/GET/user/" + user.id()), resources(bad, "Deny"));
        assertTrue(resources(bad, "Allow").isEmpty());

        JsonObject admin = api.post("/authorize", null, event(accounts.admin().bearer(), "GET", "/user")).json();
        assertTrue(resources(admin, "Allow").contains(ARN + "/*/keys/*"), admin.toString());
        assertTrue(resources(admin, "Deny").stream().anyMatch(d -> d.endsWith("/PUT/user/" + admin.getString("principalId") + "/roles")),
                "the admin's own roles stay denied: " + admin);
    }

    @Test
    void aMalformedEventIs400() {
        for (String body : List.of("{\"type\":\"REQUEST\",\"authorizationToken\":\"x\",\"methodArn\":\"" + ARN + "/GET/user\"}",
                "{\"type\":\"TOKEN\",\"authorizationToken\":\"x\",\"methodArn\":\"arn:aws:s3:::bucket\"}",
                "{\"type\":\"TOKEN\",\"authorizationToken\":\"x\"}", "[]")) {
            Api.Reply reply = api.post("/authorize", null, body);
            assertEquals(400, reply.status(), body + " " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
    }

    private Api.Reply forward(String method, String uri, String authorization, boolean forwardedHeaders) {
        var request = HttpRequest.newBuilder(api.base().resolve("authorize")).GET()
                .header(forwardedHeaders ? "X-Forwarded-Method" : "X-Original-Method", method)
                .header(forwardedHeaders ? "X-Forwarded-Uri" : "X-Original-URI", uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response, null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void forwardAuthAnswers204WithTheSubjectOr401Or403() {
        Accounts.Account user = accounts.create("forward");
        Api.Reply allowed = forward("GET", "/user/" + user.id() + "?x=1", user.bearer(), false);
        assertEquals(204, allowed.status());
        assertEquals(user.id(), allowed.header("X-Auth-Subject"));
        assertEquals("user", allowed.header("X-Auth-Roles"));
        assertEquals(400, forward("PUT", "/user/" + user.id(), user.bearer(), true).status(),
                "X-Forwarded-* are not read unless gateway.forward-headers says so: never a fallback");
        assertEquals(403, forward("GET", "/user/0123456789abcdef01234567", user.bearer(), false).status());
        assertEquals(400, forward("GET", "/user/" + user.id() + "/../0123456789abcdef01234567", user.bearer(), false).status(),
                "dot segments are refused, never resolved");
        Api.Reply anonymous = forward("GET", "/user/" + user.id(), null, false);
        assertEquals(401, anonymous.status());
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
        assertEquals(401, forward("GET", "/user/" + user.id(), "Bearer junk", false).status());
        Api.Reply open = forward("POST", "/user/login", null, false);
        assertEquals(204, open.status());
        assertEquals(null, open.header("X-Auth-Subject"));
        assertEquals(400, api.get("/authorize", user.bearer()).status(), "the original request is required");
    }

    @Test
    void aRealNginxSendsAllowedDeniedAndAnonymousRequestsTheRightWay() throws Exception {
        try (Nginx nginx = Nginx.start()) {
            Api gateway = new Api(URI.create("http://127.0.0.1:" + nginx.port() + "/"));
            Accounts.Account user = accounts.create("nginx");
            Api.Reply allowed = gateway.get("/user/" + user.id(), user.bearer());
            assertEquals(200, allowed.status(), allowed::toString);
            assertEquals("upstream GET /user/" + user.id() + " subject=" + user.id() + " roles=user",
                    allowed.response().body());
            assertEquals(403, gateway.get("/user/0123456789abcdef01234567", user.bearer()).status());
            assertEquals(401, gateway.get("/user/" + user.id(), null).status());
            assertEquals(401, gateway.get("/user/" + user.id(), "Bearer " + new TestTokens().expired(user.id())).status());
            Api.Reply open = gateway.post("/user/login", null, "{}");
            assertEquals(200, open.status(), "public: the upstream answers " + open);
            assertTrue(open.response().body().startsWith("upstream POST /user/login subject= "), open.response().body());
            assertEquals(200, gateway.get("/user", accounts.admin().bearer()).status(), "the admin lists");
            assertEquals(403, gateway.get("/user", user.bearer()).status());
        }
    }
}
