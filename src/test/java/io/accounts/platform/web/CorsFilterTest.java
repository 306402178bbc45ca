package io.accounts.platform.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** cors.allowed-origins takes exact origins only; anything looser stops the start. */
class CorsFilterTest {

    @Test
    void onlyExactOriginsAreAccepted() {
        assertEquals("https://app.example", CorsFilter.checked("https://app.example"));
        assertEquals("http://localhost:3000", CorsFilter.checked("http://localhost:3000"));
        for (String loose : List.of("*", "https://app.example/", "https://app.example/path", "app.example",
                "ftp://app.example", "https://user@app.example", "https://*.example")) {
            assertThrows(IllegalArgumentException.class, () -> CorsFilter.checked(loose), loose);
        }
    }
}
