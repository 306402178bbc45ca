package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.Await;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} as Prometheus reads it: Debian's {@code promtool check metrics} accepts the exposition, and a
 * login, a wrong password and a refresh-token reuse move the counters they should.
 */
class MetricsIT extends DeployedService {

    private static final Path BASEDIR = Path.of(System.getProperty("it.basedir"));

    private String exposition() {
        Api.Reply reply = api.send("GET", "/metrics", null, null);
        assertEquals(200, reply.status(), "metrics are open to anyone by default");
        return reply.response().body();
    }

    /** The value of a counter line: the name, then its labels in any order, then the value. */
    private static double counter(String text, String name, String... labels) {
        double total = 0;
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        while (lines.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= lines.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(lines.group(2));
            }
        }
        return total;
    }

    private static String events(String type) {
        return "type=\"" + type + "\"";
    }

    @Test
    void anonymousRefusalsAreAllCountedButKeptOncePerAddressAndMinute() throws InterruptedException {
        String admin = accounts.admin().bearer();
        String before = exposition();
        Instant start = Instant.now().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.get("/user", null).status());
        }
        String after = exposition();
        assertEquals(5, counter(after, "accounts_events_total", events("ACCESS_DENIED"))
                - counter(before, "accounts_events_total", events("ACCESS_DENIED")), 0.5, "every refusal counted");
        // one writer stores events in order: once an event queued after the refusals is stored, they are too
        Accounts.Account marker = accounts.create("after-refusals");
        Await.until("the events queued after the refusals are stored", Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> !api.get("/events?type=REGISTER&user=" + marker.id(), admin).json().getJsonArray("data")
                        .isEmpty());
        Api.Reply stored = api.get("/events?limit=100&type=ACCESS_DENIED", admin);
        long kept = stored.json().getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .filter(e -> !e.containsKey("user_id") || e.isNull("user_id"))
                .filter(e -> !Instant.parse(e.getString("time")).isBefore(start)).count();
        assertTrue(kept <= 1, "at most one kept for 127.0.0.1 in the minute, not five: " + kept);
    }

    @Test
    void promtoolAcceptsTheExpositionAndTheCountersMove() throws Exception {
        Accounts.Account user = accounts.create("metrics");
        String before = exposition();
        String login = accounts.login(user.email(), Accounts.PASSWORD).getString("refresh_token");
        api.post("/user/login", null, Accounts.credentials(user.email(), "not the password"));
        String refresh = Json.createObjectBuilder().add("refresh_token", login).build().toString();
        api.post("/user/refresh-token", null, refresh);
        api.post("/user/refresh-token", null, refresh);
        api.form("/oauth2/token", null, "grant_type=refresh_token&refresh_token=x&client_id=no-such-client");
        String after = exposition();

        assertEquals(1, counter(after, "accounts_events_total", events("LOGIN"), "outcome=\"success\"")
                - counter(before, "accounts_events_total", events("LOGIN")), 0.5, "a login");
        assertEquals(1, counter(after, "accounts_events_total", events("LOGIN_ERROR"), "outcome=\"failure\"")
                - counter(before, "accounts_events_total", events("LOGIN_ERROR")), 0.5, "a wrong password");
        assertEquals(1, counter(after, "accounts_events_total", events("REFRESH_REUSE"))
                - counter(before, "accounts_events_total", events("REFRESH_REUSE")), 0.5, "a refresh-token reuse");
        double loginSeconds = counter(after, "accounts_login_seconds_sum") - counter(before, "accounts_login_seconds_sum");
        double logins = counter(after, "accounts_login_seconds_count") - counter(before, "accounts_login_seconds_count");
        assertEquals(2, logins, 0.5, "two logins timed");
        assertTrue(loginSeconds > 0 && loginSeconds < 30, "timers count in seconds: two logins took " + loginSeconds);
        assertEquals(1, counter(after, "accounts_oauth2_token_requests_total", "grant_type=\"refresh_token\"",
                "outcome=\"invalid_client\"") - counter(before, "accounts_oauth2_token_requests_total",
                "grant_type=\"refresh_token\"", "outcome=\"invalid_client\""), 0.5, "a refused token request");
        assertEquals(1, counter(after, "accounts_oauth2_token_seconds_count")
                - counter(before, "accounts_oauth2_token_seconds_count"), 0.5, "the token endpoint timed");
        for (String name : new String[]{"accounts_login_seconds_count", "accounts_refresh_seconds_count",
                "accounts_authorization_seconds_count", "accounts_argon2_waiting", "accounts_token_cache_hit_ratio",
                "accounts_user_cache_hit_ratio", "accounts_events_dropped"}) {
            assertTrue(after.contains(name), name + " is exposed");
        }

        Path file = Files.createDirectories(BASEDIR.resolve("target/metrics")).resolve(
                (onPayara() ? "payara" : "liberty") + ".prom");
        Files.writeString(file, after, StandardCharsets.UTF_8);
        Process install = new ProcessBuilder("bash", BASEDIR.resolve("scripts/ensure-prometheus.sh").toString())
                .redirectErrorStream(true).redirectOutput(BASEDIR.resolve("target/ensure-prometheus.log").toFile()).start();
        assertTrue(install.waitFor(900, TimeUnit.SECONDS) && install.exitValue() == 0, "promtool is installed");
        // the whole exposition parses (promtool's exit code 1 is a parse error; 3, lint about the servers' own
        // camelCase names of MicroProfile Metrics' base scope); ours pass every lint rule
        Promtool whole = promtool(file);
        assertTrue(whole.exit() == 0 || whole.exit() == 3, "promtool check metrics: " + whole.report());
        Path ours = file.resolveSibling(file.getFileName() + ".accounts");
        Files.writeString(ours, after.lines().filter(MetricsIT::ofOurs).map(l -> l + "\n")
                .reduce("", String::concat), StandardCharsets.UTF_8);
        Promtool accounts = promtool(ours);
        assertEquals(0, accounts.exit(), "promtool check metrics on accounts_*: " + accounts.report());
    }

    /**
     * A line of one of our metrics: its sample, or its HELP or TYPE comment (not a label that names us). Payara's
     * exporter adds a {@code _mean} gauge to each timer with no HELP of its own: the exporter's line, not ours.
     */
    private static boolean ofOurs(String line) {
        boolean ours = line.startsWith("accounts_") || line.startsWith("# HELP accounts_")
                || line.startsWith("# TYPE accounts_");
        return ours && !(onPayara() && line.matches("(# TYPE )?accounts_\\w+_mean[ {].*"));
    }

    private record Promtool(int exit, String report) {
    }

    private static Promtool promtool(Path exposition) throws Exception {
        Process check = new ProcessBuilder("promtool", "check", "metrics").redirectInput(exposition.toFile())
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        return new Promtool(check.exitValue(), report);
    }
}
