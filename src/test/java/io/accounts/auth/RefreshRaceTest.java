package io.accounts.auth;

import io.accounts.platform.RandomTokens;
import io.accounts.keys.SealedSecretsTest;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.events.TestEvents;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.ApiException;
import io.accounts.platform.store.StoreKit;
import io.accounts.platform.store.WireProtocolServer;
import io.accounts.user.TokenOwners;
import io.accounts.user.User;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thief rotating a stolen refresh token in a loop while its owner changes the password or logs out, as the
 * review found it: the real {@link RefreshTokens} and {@link RefreshFamilyStore} on a MongoDB wire-protocol server,
 * many trials; after the owner's change, no token the thief holds may work.
 */
class RefreshRaceTest {

    private static final int TRIALS = 200;
    private static WireProtocolServer mongo;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        mongo = new WireProtocolServer();
        database = mongo.database("race");
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static RefreshTokens refreshTokens() {
        RefreshFamilyStore families = new RefreshFamilyStore();
        families.template = StoreKit.template(mongo.client(), "race");
        families.driver = StoreKit.driver(mongo.client(), "race");
        families.setUp();
        RefreshTokens tokens = new RefreshTokens();
        tokens.families = families;
        tokens.owners = new TokenOwners() {
            @Override
            public User currentTokenOwner(String id) {
                Document stored = database.getCollection("users").find(Filters.eq("_id", id)).first();
                if (stored == null) {
                    throw ApiException.invalidToken("gone");
                }
                return user(id, stored.getLong("token_version"));
            }
        };
        tokens.config = new JwtConfig(JWSAlgorithm.HS256, Optional.empty(), "https://issuer.example", Optional.empty(),
                Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24));
        tokens.random = new SecureRandom();
        tokens.clock = Clock.systemUTC();
        tokens.events = TestEvents.recording(new ArrayList<>());
        return tokens;
    }

    private static User user(String id, long tokenVersion) {
        User user = new User("Ada", "L", id + "@x.io", "hash", List.of("user"), Instant.EPOCH);
        user.setId(id);
        user.setTokenVersion(tokenVersion);
        return user;
    }

    /** Runs the trials; {@code owner} ends the session its own way (user id, family). Answers the rotations won. */
    private static int race(BiConsumer<String, String> owner) throws Exception {
        RefreshTokens tokens = refreshTokens();
        AtomicInteger thiefRotations = new AtomicInteger();
        for (int trial = 0; trial < TRIALS; trial++) {
            String id = new ObjectId().toHexString();
            database.getCollection("users").insertOne(new Document("_id", id).append("token_version", 0L));
            Session session = new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now());
            AtomicReference<String> held = new AtomicReference<>(tokens.start(user(id, 0), session, "192.0.2.1", "test"));
            CountDownLatch rotating = new CountDownLatch(1);
            Thread thief = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        held.set(tokens.rotate(held.get()).refreshToken());
                        thiefRotations.incrementAndGet();
                        if (i == 1) {
                            rotating.countDown();
                        }
                    }
                } catch (ApiException refused) {
                    rotating.countDown();
                }
            });
            thief.start();
            assertTrue(rotating.await(10, TimeUnit.SECONDS));
            owner.accept(id, session.id());
            thief.join(10_000);
            String last = held.get();
            assertThrows(ApiException.class, () -> tokens.rotate(last),
                    "trial " + trial + ": the thief's token outlived the owner's change");
        }
        return thiefRotations.get();
    }

    @Test
    void aPasswordChangeLeavesTheThiefNoLiveToken() throws Exception {
        RefreshTokens tokens = refreshTokens();
        int won = race((user, family) -> {
            database.getCollection("users").updateOne(Filters.eq("_id", user), Updates.inc("token_version", 1L));
            tokens.families.revokeUser(user);
        });
        assertTrue(won > TRIALS, "the thief was rotating when the owner acted: " + won);
    }

    @Test
    void aLogoutLeavesTheThiefNoLiveToken() throws Exception {
        RefreshTokens tokens = refreshTokens();
        int won = race((user, family) -> tokens.revokeFamily(family));
        assertTrue(won > TRIALS, "the thief was rotating when the owner acted: " + won);
    }

    @Test
    void aReuseRevokesTheFamilyAndGarbageDoesNot() {
        RefreshTokens tokens = refreshTokens();
        String id = new ObjectId().toHexString();
        database.getCollection("users").insertOne(new Document("_id", id).append("token_version", 0L));
        String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now()), "192.0.2.1", "test");
        String family = first.substring(0, first.indexOf('.'));
        String second = tokens.rotate(first).refreshToken();
        assertThrows(ApiException.class, () -> tokens.rotate(family + ".not-a-token-of-this-family"));
        assertTrue(tokens.isActive(family), "a guess is refused without ending the family");
        String third = tokens.rotate(second).refreshToken();
        assertThrows(ApiException.class, () -> tokens.rotate(first), "a reuse");
        assertThrows(ApiException.class, () -> tokens.rotate(third), "ended the family, current token included");
        assertEquals(false, tokens.isActive(family));
        for (String malformed : List.of("", ".", "abc", "abc.", ".abc")) {
            assertThrows(ApiException.class, () -> tokens.rotate(malformed), malformed);
        }
    }

    /** Refresh tokens with a reuse grace, their pairs sealed under a key in {@code dir}, on this clock. */
    private static RefreshTokens withGrace(long seconds, Clock clock, Path dir) {
        RefreshTokens tokens = refreshTokens();
        tokens.graceSeconds = seconds;
        tokens.clock = clock;
        tokens.secrets = SealedSecretsTest.secrets(Optional.empty(), dir.resolve("secrets.key"));
        return tokens;
    }

    /** A won rotation as AuthService answers it: the pair, remembered for a retry. */
    private static TokenPair rotate(RefreshTokens tokens, String token) {
        RefreshTokens.Rotation rotation = tokens.rotate(token);
        if (rotation.repeat() != null) {
            return rotation.repeat();
        }
        TokenPair pair = new TokenPair("access-" + UUID.randomUUID(), rotation.refreshToken(), "Bearer", 300);
        tokens.remember(rotation, pair);
        return pair;
    }

    private static String newUser() {
        String id = new ObjectId().toHexString();
        database.getCollection("users").insertOne(new Document("_id", id).append("token_version", 0L));
        return id;
    }

    @Test
    void withAGraceARetryGetsTheSamePairAndAnyOtherReuseStillRevokes(@TempDir Path dir) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        RefreshTokens tokens = withGrace(10, clock, dir);
        String id = newUser();
        String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), clock.instant()),
                "192.0.2.1", "test");
        String family = first.substring(0, first.indexOf('.'));
        TokenPair answered = rotate(tokens, first);
        clock.advance(Duration.ofSeconds(3));
        assertEquals(answered, rotate(tokens, first), "the lost answer, again: the same pair");
        assertEquals(answered, rotate(tokens, first), "and again");
        TokenPair next = rotate(tokens, answered.refreshToken());
        assertNotEquals(answered.refreshToken(), next.refreshToken());
        assertThrows(ApiException.class, () -> rotate(tokens, first), "a token two rotations back is a reuse");
        assertFalse(tokens.isActive(family), "which ends the family");

        String other = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), clock.instant()),
                "192.0.2.1", "test");
        TokenPair pair = rotate(tokens, other);
        clock.advance(Duration.ofSeconds(11));
        assertThrows(ApiException.class, () -> rotate(tokens, other), "after the grace, a retry is a reuse");
        assertThrows(ApiException.class, () -> rotate(tokens, pair.refreshToken()), "and ended the family");
    }

    @Test
    void withAGraceNoSecondChainComesOutOfRacingRetries(@TempDir Path dir) throws Exception {
        RefreshTokens tokens = withGrace(30, Clock.systemUTC(), dir);
        for (int trial = 0; trial < 50; trial++) {
            String id = newUser();
            String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()),
                    Instant.now()), "192.0.2.1", "test");
            int racers = 6;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            Set<String> successors = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < racers; i++) {
                Thread racer = new Thread(() -> {
                    try {
                        go.await();
                        successors.add(rotate(tokens, first).refreshToken());
                    } catch (ApiException refused) {
                        // a retry that came before the first answer was written: refused, family kept
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                racer.start();
                threads.add(racer);
            }
            go.countDown();
            for (Thread racer : threads) {
                racer.join(10_000);
            }
            assertEquals(1, successors.size(), "trial " + trial + ": one successor, however many retries: "
                    + successors);
            String successor = successors.iterator().next();
            assertNotEquals(first, successor);
            rotate(tokens, successor);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
