package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real preflights: an allowed origin is answered before the authorizer, any other gets no CORS header. */
class CorsIT extends DeployedService {

    private static final String ALLOWED = "https://app.test.example";
    private final int port = Integer.getInteger("it.http.port");

    private RawHttp.Reply preflight(String path, String origin) {
        return RawHttp.send(port, "OPTIONS", path, Map.of("Origin", origin, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "authorization,content-type"), null);
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredWithoutAToken() {
        Accounts.Account user = accounts.create("cors");
        RawHttp.Reply answer = preflight("/user/" + user.id(), ALLOWED);
        assertEquals(204, answer.status(), answer::toString);
        assertEquals(ALLOWED, answer.header("Access-Control-Allow-Origin"));
        assertTrue(answer.header("Access-Control-Allow-Methods").contains("PUT"));
        assertTrue(answer.header("Access-Control-Allow-Headers").contains("Authorization"));
        assertTrue(answer.header("Access-Control-Allow-Headers").contains("Content-Type"));
        assertTrue(Integer.parseInt(answer.header("Access-Control-Max-Age")) > 0);
        assertTrue(answer.header("Vary").contains("Origin"));
        assertNull(answer.header("Access-Control-Allow-Credentials"), "never credentials");

        RawHttp.Reply read = RawHttp.send(port, "GET", "/user/" + user.id(), Map.of("Origin", ALLOWED,
                "Authorization", user.bearer()), null);
        assertEquals(200, read.status());
        assertEquals(ALLOWED, read.header("Access-Control-Allow-Origin"), "the real request too");
        assertTrue(read.header("Access-Control-Expose-Headers").contains("Retry-After"));
        assertNull(read.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void anyOtherOriginGetsNoCorsHeader() {
        for (String origin : new String[]{"https://evil.example", "https://app.test.example.evil.example",
                "http://app.test.example", "null"}) {
            RawHttp.Reply answer = preflight("/user/login", origin);
            assertNull(answer.header("Access-Control-Allow-Origin"), origin + " " + answer);
            RawHttp.Reply read = RawHttp.send(port, "GET", "/.well-known/jwks.json", Map.of("Origin", origin), null);
            assertNull(read.header("Access-Control-Allow-Origin"), origin);
        }
        assertNull(RawHttp.send(port, "GET", "/.well-known/jwks.json", Map.of(), null)
                .header("Access-Control-Allow-Origin"), "nor a request without Origin");
    }
}
