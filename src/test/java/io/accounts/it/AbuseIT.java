package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.TestMongo;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attackers: enumeration, guessing, common passwords, oversized and nested bodies; and a MongoDB outage. */
class AbuseIT extends DeployedService {

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Accounts.Account user = accounts.create("enum");
        Api.Reply wrong = api.post("/user/login", null, Accounts.credentials(user.email(), "not the password at all"));
        Api.Reply unknown = api.post("/user/login", null, Accounts.credentials(Accounts.uniqueEmail("nobody"), "not the password at all"));
        assertEquals(401, wrong.status());
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.response().body(), unknown.response().body());
        assertEquals(wrong.header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
        assertEquals(wrong.contentType(), unknown.contentType());
    }

    @Test
    void guessesSentAllAtOnceMeetTheSameLimitAsGuessesOneAfterAnother() throws Exception {
        Accounts.Account victim = accounts.create("parallel");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "parallel guess " + i;
                guesses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/user/login", null, Accounts.credentials(victim.email(), guess)).status();
                }));
            }
            start.countDown();
            for (Future<Integer> guess : guesses) {
                statuses.add(guess.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        long checked = statuses.stream().filter(s -> s == 401).count();
        // never more than the bucket holds; fewer when a failure's token is taken an instant before its hold is
        // let go (the throttle errs on the side of refusing, never of letting a guess through)
        assertTrue(checked >= 1 && checked <= 5, "at most 5 guesses checked: " + statuses);
        assertEquals(20 - checked, statuses.stream().filter(s -> s == 429).count(), statuses::toString);
        for (long i = checked; i < 5; i++) {
            assertEquals(401, api.post("/user/login", null, Accounts.credentials(victim.email(), "one more guess " + i))
                    .status(), "what is left of the bucket is still there");
        }
        assertEquals(429, api.post("/user/login", null, Accounts.credentials(victim.email(), Accounts.PASSWORD)).status(),
                "every failure was counted");
    }

    @Test
    void repeatedFailuresOnAnAccountFromOneAddressAreThrottledWithRetryAfter() {
        Accounts.Account victim = accounts.create("throttle");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.post("/user/login", null, Accounts.credentials(victim.email(), "guess number " + i)).status());
        }
        Api.Reply throttled = api.post("/user/login", null, Accounts.credentials(victim.email(), "guess number 6"));
        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("application/problem+json", throttled.contentType());
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 61, "Retry-After " + retryAfter);
        assertEquals(429, api.post("/user/login", null, Accounts.credentials(victim.email(), Accounts.PASSWORD)).status(),
                "no more guesses from this address for now, right or wrong");
        Accounts.Account bystander = accounts.create("bystander");
        assertEquals(401, api.post("/user/login", null, Accounts.credentials(bystander.email(), "wrong password!")).status(),
                "other accounts from the same address are not affected");
        assertEquals(200, api.get("/user/" + victim.id(), victim.bearer()).status(), "existing sessions go on");
    }

    @Test
    void commonPasswordsAreRefused() {
        for (String common : List.of("password1", "iloveyou", "Qwertyuiop", "1q2w3e4r5t")) {
            Api.Reply reply = api.post("/user", null, Accounts.registration("C", "P", Accounts.uniqueEmail("common"), common));
            assertEquals(400, reply.status(), common + " " + reply);
            assertTrue(reply.json().getJsonObject("errors").getJsonArray("password").getString(0).contains("common"));
        }
        Accounts.Account user = accounts.create("commonchange");
        Api.Reply change = api.put("/user/" + user.id() + "/password", user.bearer(), Json.createObjectBuilder()
                .add("current_password", Accounts.PASSWORD).add("new_password", "football1").build().toString());
        assertEquals(400, change.status());
        assertTrue(change.json().getJsonObject("errors").containsKey("new_password"));
    }

    @Test
    void oversizedBodiesGet413AndDeepNestingIsRefusedUnread() {
        String big = "{\"first_name\":\"" + "x".repeat(70_000) + "\"}";
        Api.Reply tooLarge = api.post("/user", null, big);
        assertEquals(413, tooLarge.status(), tooLarge::toString);
        assertEquals("application/problem+json", tooLarge.contentType());
        assertEquals(413, api.post("/user/login", null, "[" + "1,".repeat(40_000) + "1]").status());
        String deep = "{\"first_name\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        Api.Reply nested = api.post("/user", null, deep);
        assertEquals(400, nested.status(), nested::toString);
        assertEquals("The request body is nested too deeply.", nested.json().getString("detail"),
                "refused as it is read, past 64 levels, long before the parser's own limit");
        assertEquals(200, api.get("/health/ready", null).status(), "and the server is fine");
    }

    @Test
    void whileMongoDbIsDownRequestsGet503FastAndEverythingRecoversByItself() throws Exception {
        Accounts.Account user = accounts.create("outage");
        TestMongo.stop();
        try {
            long start = System.nanoTime();
            Api.Reply login = api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, login.status(), login::toString);
            assertEquals("application/problem+json", login.contentType());
            assertTrue(Long.parseLong(login.header("Retry-After")) > 0);
            assertTrue(millis < 15_000, "answered in " + millis + " ms, not after a 30 s hang");
            assertEquals(503, api.post("/user", null, Accounts.registration("O", "U", Accounts.uniqueEmail("outage"),
                    Accounts.PASSWORD)).status());
            Api.Reply ready = api.get("/health/ready", null);
            assertEquals(503, ready.status());
            assertEquals("DOWN", ready.json().getString("status"));
        } finally {
            TestMongo.start();
        }
        Await.until("ready again without a restart", Duration.ofSeconds(30), Duration.ofMillis(500),
                () -> api.get("/health/ready", null).status() == 200);
        assertEquals(200, api.post("/user/login", null, Accounts.credentials(user.email(), Accounts.PASSWORD)).status());
        assertEquals(200, api.get("/user/" + user.id(), user.bearer()).status(), "nothing was lost");
    }
}
