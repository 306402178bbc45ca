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
                User user = user(id, stored.getLong("token_version"));
                if (stored.getString("first_name") != null) {
                    user.setFirstName(stored.getString("first_name"));
                }
                return user;
            }
        };
        tokens.codec = new RefreshTokenCodec();
        tokens.codec.secrets = SealedSecretsTest.secrets(Optional.of("race-test-key-encryption-key-example"),
                Path.of("unused.key"));
        tokens.config = new JwtConfig(JWSAlgorithm.HS256, Optional.empty(), "https://issuer.example", Optional.empty(),
                Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24));
        tokens.random = new SecureRandom();
        tokens.clock = Clock.systemUTC();
        tokens.events = TestEvents.recording(new ArrayList<>());
        tokens.retries = new RefreshRetries();
        tokens.retries.families = families;
        tokens.retries.owners = tokens.owners;
        tokens.retries.clock = tokens.clock;
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

    @Test
    void everyEarlierGenerationIsAReuseAndTheFamilyStaysOneSmallDocument() {
        RefreshTokens tokens = refreshTokens();
        String id = newUser();
        List<String> issued = new ArrayList<>();
        issued.add(tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now()),
                "192.0.2.1", "test"));
        for (int i = 0; i < 200; i++) {
            issued.add(tokens.rotate(issued.get(issued.size() - 1)).refreshToken());
        }
        String family = issued.get(0).substring(0, issued.get(0).indexOf('.'));
        Document stored = database.getCollection("refresh_families").find(Filters.eq("_id", family)).first();
        assertEquals(201L, stored.getLong("gen"));
        int bytes = stored.toBsonDocument().toString().length();
        assertTrue(bytes < 700, "after 200 rotations the family is still small: " + bytes + " characters");
        assertThrows(ApiException.class, () -> tokens.rotate(issued.get(3)), "a token 197 generations back");
        assertFalse(tokens.isActive(family), "is a reuse: the family ended");
        assertThrows(ApiException.class, () -> tokens.rotate(issued.get(issued.size() - 1)), "its current token too");
    }

    @Test
    void aForgedGenerationIsRefusedWithoutEndingTheFamily() {
        RefreshTokens tokens = refreshTokens();
        String id = newUser();
        String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now()),
                "192.0.2.1", "test");
        String second = tokens.rotate(first).refreshToken();
        String[] parts = second.split("\\.");
        String family = parts[0];
        for (String forged : List.of(family + ".1." + parts[2], family + ".3." + parts[2], family + ".2." + parts[2] + "A",
                family + ".2", family + ".2.", family + ".-2." + parts[2], family + ".x." + parts[2],
                family + ".2." + parts[2] + ".2", otherKeyToken(family, 1))) {
            assertThrows(ApiException.class, () -> tokens.rotate(forged), forged);
            assertTrue(tokens.isActive(family), "a forgery is no reuse: " + forged);
        }
        assertTrue(tokens.rotate(second).refreshToken().startsWith(family + ".3."));
    }

    private static String otherKeyToken(String family, long generation) {
        RefreshTokenCodec other = new RefreshTokenCodec();
        other.secrets = SealedSecretsTest.secrets(Optional.of("another-deployment-key-example"), Path.of("unused.key"));
        return other.token(family, generation);
    }

    @Test
    void aTokenOfTheFormerFormatRotatesOnceIntoGenerationsAndItsOldTokensStayReuses() {
        RefreshTokens tokens = refreshTokens();
        String id = newUser();
        String family = RandomTokens.sessionId(new SecureRandom());
        String older = RandomTokens.secret(new SecureRandom());
        String current = RandomTokens.secret(new SecureRandom());
        Instant now = Instant.now();
        // a family as the version before generations stored it: the hash of the current token and of earlier ones
        database.getCollection("refresh_families").insertOne(new Document("_id", family).append("user", id)
                .append("tv", 0L).append("state", "active").append("current", RefreshTokens.hash(current))
                .append("previous", List.of(RefreshTokens.hash(older))).append("auth_time", java.util.Date.from(now))
                .append("expires_at", java.util.Date.from(now.plus(Duration.ofHours(1))))
                .append("created_at", java.util.Date.from(now)));
        database.getCollection("users").updateOne(Filters.eq("_id", id), Updates.set("first_name", "Grace"));
        RefreshTokens.Rotation migrated = tokens.rotate(family + "." + current);
        assertEquals(family + ".1.", migrated.refreshToken().substring(0, family.length() + 3));
        assertEquals("Grace", migrated.user().getFirstName(), "the owner's claims, read once for the migration");
        RefreshTokens.Rotation next = tokens.rotate(migrated.refreshToken());
        assertEquals("Grace", next.user().getFirstName(), "then carried by the family");
        assertThrows(ApiException.class, () -> tokens.rotate(family + "." + older), "an older former token");
        assertFalse(tokens.isActive(family), "is a reuse");

        String again = RandomTokens.sessionId(new SecureRandom());
        database.getCollection("refresh_families").insertOne(new Document("_id", again).append("user", id)
                .append("tv", 0L).append("state", "active").append("current", RefreshTokens.hash(current))
                .append("auth_time", java.util.Date.from(now))
                .append("expires_at", java.util.Date.from(now.plus(Duration.ofHours(1))))
                .append("created_at", java.util.Date.from(now)));
        tokens.rotate(again + "." + current);
        assertThrows(ApiException.class, () -> tokens.rotate(again + "." + current), "the migrated token, again");
        assertFalse(tokens.isActive(again), "is a reuse too");
    }

    @Test
    void aProfileChangeReachesTheNextRotationWithoutAUserRead() {
        RefreshTokens tokens = refreshTokens();
        String id = newUser();
        String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now()),
                "192.0.2.1", "test");
        RefreshTokens.Rotation before = tokens.rotate(first);
        assertEquals("Ada", before.user().getFirstName());
        database.getCollection("users").updateOne(Filters.eq("_id", id), Updates.set("first_name", "Augusta"));
        assertEquals("Ada", tokens.rotate(before.refreshToken()).user().getFirstName() , "the family, not the user");
        tokens.onUserChanged(new io.accounts.user.UserChanged(id, io.accounts.user.UserChanged.Kind.PROFILE));
        String current = database.getCollection("refresh_families").find(Filters.eq("user", id)).first().getLong("gen")
                .toString();
        RefreshTokens.Rotation after = tokens.rotate(tokens.codec.token(first.substring(0, first.indexOf('.')),
                Long.parseLong(current)));
        assertEquals("Augusta", after.user().getFirstName(), "the change was written into the family");
    }

    /** Refresh tokens with a reuse grace, their pairs sealed under a key in {@code dir}, on this clock. */
    private static RefreshTokens withGrace(long seconds, Clock clock, Path dir) {
        RefreshTokens tokens = refreshTokens();
        tokens.clock = clock;
        tokens.retries.graceSeconds = seconds;
        tokens.retries.clock = clock;
        tokens.retries.secrets = SealedSecretsTest.secrets(Optional.empty(), dir.resolve("secrets.key"));
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
