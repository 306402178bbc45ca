package io.accounts.user;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ids on the wire are 24 hex digits, compared in lower case; anything else is a 400. */
class UserIdsTest {

    @Test
    void idsAre24HexDigits() {
        assertEquals("0123456789abcdef01234567", UserIds.require("0123456789ABCDEF01234567", "id"));
        for (String bad : List.of("", "123", "0123456789abcdef0123456g", "0123456789abcdef012345678")) {
            assertEquals(400, assertThrows(ApiException.class, () -> UserIds.require(bad, "id")).status(), bad);
        }
        assertEquals(400, assertThrows(ApiException.class, () -> UserIds.require(null, "id")).status());
    }
}
