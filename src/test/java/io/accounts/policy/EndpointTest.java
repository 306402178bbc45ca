package io.accounts.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The concrete path the policy judges: the matched template with its parameters filled in. */
class EndpointTest {

    @Test
    void parametersFillTheTemplate() {
        assertEquals("/user/abc/roles", new Endpoint("PUT", "/user/{id}/roles").path(Map.of("id", "abc")));
        assertEquals("/keys/k1", new Endpoint("DELETE", "/keys/{kid}").path(Map.of("kid", "k1")));
        assertEquals("/user/login", new Endpoint("POST", "/user/login").path(Map.of()));
        assertEquals("/a/7", new Endpoint("GET", "/a/{n: [0-9]+}").path(Map.of("n", "7")));
        assertThrows(IllegalStateException.class, () -> new Endpoint("GET", "/user/{id}").path(Map.of()));
    }
}
