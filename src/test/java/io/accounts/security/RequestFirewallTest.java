package io.accounts.security;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the firewall refuses, and the one decoding of what it lets through. */
class RequestFirewallTest {

    @Test
    void ambiguousPathsAreRefusedWith400AndTheFirewallsProblemType() {
        for (String path : List.of("/.well-known/%2E%2E/user", "/.well-known/..%2Fuser", "/.well-known/..;/user",
                "/.well-known\\..\\user", "/.well-known/%252E%252E/user", "/user/abc;x/roles", "/user/%2e%2e",
                "/user/%2F", "/user/%5c", "/user/%3B", "/user//x", "/user/./x", "/user/../user", "/user/..",
                "/user/%00", "/user/%C0%AE%C0%AE", "/user/%E2%82", "/user/%zz", "/user/%4", "user", "", "/user/\u00e9",
                "/user/a b", "http://evil.example/user", "/user#/../keys", "/user/x#")) {
            ApiException refused = assertThrows(ApiException.class, () -> RequestFirewall.canonical(path), path);
            assertEquals(400, refused.status(), path);
            assertEquals(RequestFirewall.REFUSED, refused.type(), path);
        }
    }

    @Test
    void whatPassesDecodesOneWayWithoutATrailingSlash() {
        assertEquals("/user/abc", RequestFirewall.canonical("/user/abc"));
        assertEquals("/user/abc", RequestFirewall.canonical("/user/abc/"));
        assertEquals("/user/abc", RequestFirewall.canonical("/user/%61bc"));
        assertEquals("/user/\u00e9t\u00e9", RequestFirewall.canonical("/user/%C3%A9t%C3%A9"));
        assertEquals("/", RequestFirewall.canonical("/"));
        assertEquals("/.well-known/jwks.json", RequestFirewall.canonical("/.well-known/jwks.json"));
    }
}
