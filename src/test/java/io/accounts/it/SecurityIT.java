package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.RawHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways in that a black-box review found, each made again as it was made then (see README, Security): on the
 * old main every one of these let the attacker in.
 */
class SecurityIT extends DeployedService {

    private static final String REFUSED = "urn:accounts:problem:request-rejected";
    private final int port = Integer.getInteger("it.http.port");

    private RawHttp.Reply forward(Map<String, String> headers) {
        return RawHttp.send(port, "GET", "/authorize", headers, null);
    }

    private static Map<String, String> original(String method, String uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Original-Method", method);
        headers.put("X-Original-URI", uri);
        return headers;
    }

    @Test
    void forwardAuthRefusesPathTricksInsteadOfAllowingThem() {
        Accounts.Account user = accounts.create("tricks");
        List<String> tricks = List.of("/.well-known/%2E%2E/user", "/.well-known/..%2Fuser", "/.well-known/..;/user",
                "/.well-known\\..\\user", "/.well-known/%252E%252E/user", "/.well-known/jwks.json/../../user",
                "/user/" + user.id() + "/..;/0123456789abcdef01234567", "/user/" + user.id() + ";x/roles",
                "/.well-known//user", "/.well-known/./../user");
        assertAll(tricks.stream().map(uri -> () -> {
            RawHttp.Reply anonymous = forward(original("GET", uri));
            assertEquals(400, anonymous.status(), uri + " " + anonymous);
            assertEquals(REFUSED, anonymous.problemType(), uri);
            Map<String, String> withToken = original("GET", uri);
            withToken.put("Authorization", user.bearer());
            assertEquals(400, forward(withToken).status(), uri + " with a token");
        }));
        assertEquals(401, forward(original("GET", "/.well-known/x")).status(),
                "discovery is the two documents, not everything under /.well-known");
    }

    @Test
    void theForwardHeadersAreConfiguredNeverAFallback() {
        Accounts.Account user = accounts.create("headers");
        Map<String, String> spoofed = new LinkedHashMap<>();
        spoofed.put("X-Forwarded-Method", "GET");
        spoofed.put("X-Forwarded-Uri", "/user");
        spoofed.put("X-Original-Method", "POST");
        spoofed.put("X-Original-URI", "/user/login");
        RawHttp.Reply ambiguous = forward(spoofed);
        assertEquals(400, ambiguous.status(), "both pairs, different requests: " + ambiguous);
        Map<String, String> forwardedOnly = new LinkedHashMap<>(Map.of("X-Forwarded-Method", "POST",
                "X-Forwarded-Uri", "/user/login"));
        assertEquals(400, forward(forwardedOnly).status(), "this server reads X-Original-*: X-Forwarded-* alone is not read");
        Map<String, String> agreeing = original("GET", "/user/" + user.id());
        agreeing.put("X-Forwarded-Method", "GET");
        agreeing.put("X-Forwarded-Uri", "/user/" + user.id());
        agreeing.put("Authorization", user.bearer());
        assertEquals(204, forward(agreeing).status(), "both pairs describing the same request are fine");
        String twice = "GET /authorize HTTP/1.1";
        RawHttp.Reply repeated = RawHttp.send(port, "GET", "/authorize", Map.of("X-Original-Method", "POST",
                "X-Original-URI", "/user/login", "x-original-uri", "/user"), null);
        assertEquals(400, repeated.status(), twice + " with the URI header twice: " + repeated);
    }

    @Test
    void matrixParametersAndOtherAmbiguousPathsToTheServiceAre400() {
        Accounts.Account admin = accounts.admin();
        String adminId = adminId(admin);
        String roles = "{\"roles\":[\"admin\",\"user\"]}";
        RawHttp.Reply matrix = RawHttp.send(port, "PUT", "/user/" + adminId + ";x/roles",
                Map.of("Authorization", admin.bearer()), roles);
        assertEquals(400, matrix.status(), "the admin's own roles behind a matrix parameter: " + matrix);
        assertEquals(REFUSED, matrix.problemType());
        assertEquals(403, RawHttp.send(port, "PUT", "/user/" + adminId + "/roles",
                Map.of("Authorization", admin.bearer()), roles).status(), "NoOneChangesTheirOwnRoles applies");
        for (String path : List.of("/user/" + adminId + "%3Bx/roles", "/user/" + adminId + "/%2E%2E/" + adminId + "/roles",
                "/user//" + adminId + "/roles", "/user/./" + adminId + "/roles", "/user\\" + adminId + "\\roles",
                "/user/" + adminId + "%2Froles")) {
            RawHttp.Reply reply = RawHttp.send(port, "PUT", path, Map.of("Authorization", admin.bearer()), roles);
            assertTrue(reply.status() == 400 || reply.status() == 404, path + " " + reply);
            assertNotEquals(200, reply.status(), path);
        }
    }

    private String adminId(Accounts.Account admin) {
        return api.post("/authorize", null, Json.createObjectBuilder().add("type", "TOKEN")
                .add("authorizationToken", admin.bearer()).add("methodArn", "arn:aws:execute-api:r:1:a/P/GET/user")
                .build().toString()).json().getString("principalId");
    }

    @Test
    void discoveryNamesTheIssuerWhateverTheHostHeaderSays() {
        RawHttp.Reply reply = RawHttp.send(port, "GET", "/.well-known/openid-configuration",
                Map.of("X-Forwarded-Host", "evil.example"), null);
        String hostile = "GET /.well-known/openid-configuration HTTP/1.1\r\nHost: evil.example";
        RawHttp.Reply viaHost = RawHttp.send(port, "GET", "/.well-known/openid-configuration", Map.of(), null);
        for (RawHttp.Reply r : List.of(reply, viaHost)) {
            assertEquals(200, r.status());
            assertTrue(r.body().contains("\"jwks_uri\":\"" + System.getProperty("it.issuer") + "/.well-known/jwks.json\""),
                    r.body());
            assertTrue(!r.body().contains("evil.example"), hostile);
        }
    }

    @Test
    void aStolenRefreshTokenDiesWithAPasswordChangeOrLogoutEvenMidRotation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 8; trial++) {
                boolean logout = trial % 2 == 0;
                Accounts.Account owner = accounts.create("thief" + trial);
                JsonObject stolen = accounts.login(owner.email(), Accounts.PASSWORD);
                AtomicReference<String> held = new AtomicReference<>(stolen.getString("refresh_token"));
                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger rotations = new AtomicInteger();
                Future<?> thief = pool.submit(() -> {
                    while (!stop.get()) {
                        Api.Reply r = api.post("/user/refresh-token", null, refresh(held.get()));
                        if (r.status() != 200) {
                            return;
                        }
                        held.set(r.data().getString("refresh_token"));
                        rotations.incrementAndGet();
                    }
                });
                while (rotations.get() < 2) {
                    Thread.sleep(5);
                }
                Api.Reply ended = logout ? api.post("/user/logout", "Bearer " + stolen.getString("token"), null)
                        : api.put("/user/" + owner.id() + "/password", owner.bearer(),
                        "{\"current_password\":\"" + Accounts.PASSWORD + "\",\"new_password\":\"a fresh long passphrase\"}");
                assertEquals(204, ended.status(), ended::toString);
                stop.set(true);
                thief.get(30, TimeUnit.SECONDS);
                assertEquals(401, api.post("/user/refresh-token", null, refresh(held.get())).status(),
                        (logout ? "logout" : "password change") + ", trial " + trial + ": the thief's token survived");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String refresh(String token) {
        return Json.createObjectBuilder().add("refresh_token", token).build().toString();
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogin() {
        Accounts.Account user = accounts.create("guess");
        List<Integer> statuses = new ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = api.put("/user/" + user.id() + "/password", user.bearer(),
                    "{\"current_password\":\"wrong guess " + i + "\",\"new_password\":\"another long password\"}");
            statuses.add(last.status());
        }
        assertEquals(List.of(400, 400, 400, 400, 400, 429), statuses);
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        assertEquals(429, api.put("/user/" + user.id() + "/password", user.bearer(), "{\"current_password\":\""
                + Accounts.PASSWORD + "\",\"new_password\":\"another long password\"}").status(),
                "the right password waits too, as a login would");
        assertEquals(429, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status(),
                "the guesses counted as failed logins of this account from this address");
    }

    @Test
    void guessingThroughTheSecondFactorsRemovalIsThrottledLikeALoginAndRecorded() throws Exception {
        Accounts.Account user = accounts.create("totp-guess");
        List<Integer> statuses = new ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = api.send("DELETE", "/user/" + user.id() + "/totp", user.bearer(),
                    "{\"current_password\":\"wrong guess " + i + "\"}");
            statuses.add(last.status());
        }
        assertEquals(List.of(400, 400, 400, 400, 400, 429), statuses, String.valueOf(last));
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        assertEquals(429, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status(),
                "the guesses counted as failed logins of this account from this address");
        String admin = accounts.admin().bearer();
        long recorded = Await.value("the guesses as LOGIN_ERROR events", Duration.ofSeconds(10),
                Duration.ofMillis(100), () -> {
                    Api.Reply events = api.get("/events?limit=100&type=LOGIN_ERROR&user=" + user.id(), admin);
                    long found = events.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                            .filter(e -> e.get("details") instanceof JsonObject details
                                    && "second factor removal".equals(details.getString("reason", null))).count();
                    return found >= 5 ? Optional.of(found) : Optional.empty();
                });
        assertEquals(5, recorded);
    }

    @Test
    void aRegistrationFloodDoesNotTurnLoginsInto503() throws Exception {
        Accounts.Account user = accounts.create("flooded");
        ExecutorService flood = Executors.newFixedThreadPool(64);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger shed = new AtomicInteger();
        List<Future<?>> flooding = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                flooding.add(flood.submit(() -> {
                    while (!stop.get()) {
                        Api.Reply r = api.post("/user", null, Accounts.registration("F", "L",
                                Accounts.uniqueEmail("flood"), Accounts.PASSWORD));
                        if (r.status() == 503) {
                            shed.incrementAndGet();
                        }
                    }
                }));
            }
            Thread.sleep(500);
            List<Integer> logins = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                logins.add(api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
            }
            assertTrue(logins.stream().allMatch(s -> s == 200), "logins during the flood: " + logins);
        } finally {
            stop.set(true);
            for (Future<?> f : flooding) {
                f.get(60, TimeUnit.SECONDS);
            }
            flood.shutdownNow();
        }
        assertTrue(shed.get() > 0, "the flood was big enough to be shed: registrations refused with 503");
    }
}
