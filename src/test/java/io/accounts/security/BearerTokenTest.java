package io.accounts.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BearerTokenTest {

    @Test
    void readsBearerAndBareTokens() {
        assertEquals("abc", BearerToken.from("Bearer abc"));
        assertEquals("abc", BearerToken.from("bearer   abc "));
        assertEquals("abc", BearerToken.from("abc"));
        assertNull(BearerToken.from(null));
        assertNull(BearerToken.from("  "));
    }
}
