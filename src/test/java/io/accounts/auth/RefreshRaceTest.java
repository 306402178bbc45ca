package io.accounts.auth;

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
            AtomicReference<String> held = new AtomicReference<>(tokens.start(user(id, 0), session));
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
        String first = tokens.start(user(id, 0), new Session(RandomTokens.sessionId(new SecureRandom()), Instant.now()));
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
}
