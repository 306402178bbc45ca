package io.accounts.user;

import io.accounts.platform.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A rotation's owner: the token version as stored now, the rest from the cache only while the cached copy has that
 * version; a stale copy (a role change another node made) is read again, a deleted user ends the rotation.
 */
class TokenOwnerTest {

    private static final String ID = "0123456789abcdef01234567";

    private final AtomicInteger reads = new AtomicInteger();

    private TokenOwners service(long stored, User cached, User current) {
        TokenOwners service = new TokenOwners();
        service.store = new UserStore() {
            @Override
            public long tokenVersion(String id) {
                return stored;
            }
        };
        service.cache = new UserCache() {
            @Override
            public Optional<User> find(String id) {
                return Optional.ofNullable(cached);
            }
        };
        service.users = new UserService() {
            @Override
            public Optional<User> findCurrent(String id) {
                reads.incrementAndGet();
                return Optional.ofNullable(current);
            }
        };
        return service;
    }

    private static User user(long version, String role) {
        User user = new User("Ada", "L", "ada@x.io", "hash", List.of(role), Instant.EPOCH);
        user.setId(ID);
        user.setTokenVersion(version);
        return user;
    }

    @Test
    void aCachedCopyOfTheStoredVersionIsUsedAsItIs() {
        User cached = user(3, "user");
        assertSame(cached, service(3, cached, user(3, "user")).currentTokenOwner(ID));
        assertEquals(0, reads.get());
    }

    @Test
    void aCachedCopyOfAnotherVersionIsReadAgain() {
        User current = user(4, "admin");
        for (Map.Entry<Long, User> cached : Map.of(3L, user(3, "user"), 5L, user(5, "user")).entrySet()) {
            assertSame(current, service(4, cached.getValue(), current).currentTokenOwner(ID), "cached " + cached.getKey());
        }
        assertSame(current, service(4, null, current).currentTokenOwner(ID), "nothing cached");
        assertEquals(3, reads.get());
    }

    @Test
    void aUserNoLongerStoredEndsTheRotation() {
        assertEquals(401, assertThrows(ApiException.class,
                () -> service(-1, user(3, "user"), null).currentTokenOwner(ID)).status());
        assertEquals(401, assertThrows(ApiException.class,
                () -> service(3, user(2, "user"), null).currentTokenOwner(ID)).status(), "deleted between the reads");
        assertEquals(401, assertThrows(ApiException.class,
                () -> service(3, user(3, "user"), null).currentTokenOwner("not-an-id")).status());
    }
}
