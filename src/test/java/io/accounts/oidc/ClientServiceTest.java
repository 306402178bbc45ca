package io.accounts.oidc;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redirect URIs as RFC 9700 wants them: absolute, https or loopback http, no fragment, no user information. */
class ClientServiceTest {

    @Test
    void httpsAndLoopbackHttpAreKeptAsGivenWithoutRepeats() {
        assertEquals(List.of("https://app.example.com/cb", "http://localhost:8080/cb", "http://127.0.0.1/cb",
                        "http://[::1]:9000/cb"),
                ClientService.checked("redirect_uris", List.of("https://app.example.com/cb", "http://localhost:8080/cb",
                        "http://127.0.0.1/cb", "http://[::1]:9000/cb", " https://app.example.com/cb ")));
    }

    @Test
    void eachUnsafeRedirectUriIsRefusedNamingTheField() {
        for (String uri : List.of("http://app.example.com/cb", "https://app.example.com/cb#x", "/cb", "cb",
                "https://user:pw@app.example.com/cb", "javascript:alert(1)", "https://exa mple.com/", "ftp://x.example/",
                "http://localhost.evil.example/cb")) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> ClientService.checked("redirect_uris", List.of(uri)), uri);
            assertEquals(400, refused.status(), uri);
            assertTrue(refused.errors().containsKey("redirect_uris"), uri + ": " + refused.errors());
        }
    }
}
