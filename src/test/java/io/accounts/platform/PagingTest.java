package io.accounts.platform;

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
}
