package io.accounts.user;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void limitIsOneToHundredDefaultTwenty() {
        assertEquals(20, Paging.limit(null));
        assertEquals(1, Paging.limit("1"));
        assertEquals(100, Paging.limit(" 100 "));
        for (String bad : List.of("0", "101", "-5", "ten", "", "1e2")) {
            assertEquals(400, assertThrows(ApiException.class, () -> Paging.limit(bad)).status(), bad);
        }
    }

    @Test
    void idsAre24HexDigits() {
        assertEquals("0123456789abcdef01234567", UserIds.require("0123456789ABCDEF01234567", "id"));
        for (String bad : List.of("", "123", "0123456789abcdef0123456g", "0123456789abcdef012345678")) {
            assertEquals(400, assertThrows(ApiException.class, () -> UserIds.require(bad, "id")).status(), bad);
        }
        assertEquals(400, assertThrows(ApiException.class, () -> UserIds.require(null, "id")).status());
    }
}
