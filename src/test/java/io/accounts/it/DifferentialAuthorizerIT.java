package io.accounts.it;

import io.accounts.it.support.Accounts;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import io.accounts.it.support.Nginx;
import io.accounts.it.support.RawHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three entry points of the one authorizer agree: for several hundred spellings of the API's paths (encodings,
 * case, dots, slashes, matrix parameters, look-alikes, overlong UTF-8, trailing slashes) x every verb x {anonymous,
 * user, other user, admin}, the service's own decision, forward-auth's and API Gateway's are the same, a real nginx
 * with the README's locations lets through only what forward-auth allowed, and nothing the router routes to a
 * method, and nothing nginx lets through, is allowed to a caller that API.md's access table does not allow.
 */
class DifferentialAuthorizerIT extends DeployedService {

    private static final String REFUSED = "urn:accounts:problem:request-rejected";
    private static final String ARN = "arn:aws:execute-api:eu-west-1:123456789012:abcdef123/Prod/";
    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final String NO_KEY = "no-such-kid";

    /**
     * What an entry point decided. {@code CONTAINER}: the server answered before any application ran and served
     * nothing (Payara's Grizzly fails to decode some paths ending in {@code /.} or {@code /..} and answers an empty
     * 200 without a content type; README, differences between the servers).
     */
    enum Decision { ALLOW, REFUSED, UNAUTHENTICATED, FORBIDDEN, DENY, UNROUTED, CONTAINER }

    private final int port = Integer.getInteger("it.http.port");

    /** The callers: their ids and tokens (null for anonymous); a deleted account is made again. */
    private final Map<String, Accounts.Account> callers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int checked;

    private Accounts.Account account(String role) {
        Accounts.Account account = accounts.create("diff-" + role);
        if (role.equals("admin")) {
            String itAdmin = accounts.admin().bearer();
            Api.Reply promoted = api.put("/user/" + account.id() + "/roles", itAdmin, "{\"roles\":[\"admin\",\"user\"]}");
            assertTrue(promoted.status() == 200, promoted::toString);
            account = new Accounts.Account(account.id(), account.email(),
                    accounts.login(account.email(), Accounts.PASSWORD).getString("token"));
        }
        return account;
    }

    /** The API's paths, as functions of the current ids of user, other user and admin. */
    private List<Base> bases() {
        return List.of(
                new Base("/user", ids -> "/user"),
                new Base("/user/{user}", ids -> "/user/" + ids.get("user")),
                new Base("/user/{other}", ids -> "/user/" + ids.get("other")),
                new Base("/user/{admin}", ids -> "/user/" + ids.get("admin")),
                new Base("/user/{user}/password", ids -> "/user/" + ids.get("user") + "/password"),
                new Base("/user/{other}/password", ids -> "/user/" + ids.get("other") + "/password"),
                new Base("/user/{user}/roles", ids -> "/user/" + ids.get("user") + "/roles"),
                new Base("/user/{admin}/roles", ids -> "/user/" + ids.get("admin") + "/roles"),
                new Base("/user/login", ids -> "/user/login"),
                new Base("/user/logout", ids -> "/user/logout"),
                new Base("/user/refresh-token", ids -> "/user/refresh-token"),
                new Base("/keys", ids -> "/keys"),
                new Base("/keys/rotate", ids -> "/keys/rotate"),
                new Base("/keys/{kid}", ids -> "/keys/" + NO_KEY),
                new Base("/.well-known/jwks.json", ids -> "/.well-known/jwks.json"),
                new Base("/.well-known/openid-configuration", ids -> "/.well-known/openid-configuration"),
                new Base("/authorize", ids -> "/authorize"),
                new Base("/clients", ids -> "/clients"),
                new Base("/oauth2/authorize", ids -> "/oauth2/authorize"),
                new Base("/oauth2/token", ids -> "/oauth2/token"),
                new Base("/oauth2/userinfo", ids -> "/oauth2/userinfo"),
                new Base("/oauth2/revoke", ids -> "/oauth2/revoke"),
                new Base("/oauth2/logout", ids -> "/oauth2/logout"));
    }

    private record Base(String name, Function<Map<String, String>, String> path) {
    }

    /** Spellings of one path: each changes it the way some parser somewhere reads differently. */
    private static final Map<String, UnaryOperator<String>> SPELLINGS = spellings();

    private static Map<String, UnaryOperator<String>> spellings() {
        Map<String, UnaryOperator<String>> s = new LinkedHashMap<>();
        s.put("as is", p -> p);
        s.put("trailing slash", p -> p + "/");
        s.put("upper case", p -> p.toUpperCase(Locale.ROOT));
        s.put("first segment capitalised", p -> "/" + Character.toUpperCase(p.charAt(1)) + p.substring(2));
        s.put("first letter encoded", p -> "/%" + hex(p.charAt(1)) + p.substring(2));
        s.put("first letter encoded, lower-case hex", p -> "/%" + hex(p.charAt(1)).toLowerCase(Locale.ROOT) + p.substring(2));
        s.put("last character encoded", p -> p.substring(0, p.length() - 1) + "%" + hex(p.charAt(p.length() - 1)));
        s.put("matrix on the first segment", p -> insertAfterSegment(p, 1, ";x=1"));
        s.put("matrix at the end", p -> p + ";x");
        s.put("encoded matrix", p -> insertAfterSegment(p, 1, "%3Bx"));
        s.put("encoded slash", p -> p.replaceFirst("/([^/]*)/", "/$1%2F"));
        s.put("encoded slash, lower case", p -> p.replaceFirst("/([^/]*)/", "/$1%2f"));
        s.put("backslash", p -> p.replace('/', '\\'));
        s.put("backslash after the first segment", p -> p.replaceFirst("/([^/]*)/", "/$1\\\\"));
        s.put("encoded backslash", p -> p.replaceFirst("/([^/]*)/", "/$1%5C"));
        s.put("double slash", p -> p.replaceFirst("/", "//"));
        s.put("double slash inside", p -> p.replaceFirst("/([^/]*)/", "/$1//"));
        s.put("dot segment", p -> "/." + p);
        s.put("dot dot back", p -> "/x/.." + p);
        s.put("encoded dot dot back", p -> "/x/%2E%2E" + p);
        s.put("half encoded dot dot", p -> "/x/.%2e" + p);
        s.put("dot dot semicolon", p -> "/x/..;" + p);
        s.put("through well-known", p -> "/.well-known/.." + p);
        s.put("through well-known, encoded slash", p -> "/.well-known/..%2F" + p.substring(1));
        s.put("through well-known, encoded dots", p -> "/.well-known/%2E%2E" + p);
        s.put("through jwks.json", p -> "/.well-known/jwks.json/../.." + p);
        s.put("double-encoded dots", p -> "/.well-known/%252E%252E" + p);
        s.put("double-encoded slash", p -> p.replaceFirst("/([^/]*)/", "/$1%252F"));
        s.put("trailing dot", p -> p + "/.");
        s.put("trailing dot dot", p -> p + "/..");
        s.put("overlong slash", p -> p.replaceFirst("/([^/]*)/", "/$1%C0%AF"));
        s.put("overlong dot dot", p -> "/x/%C0%AE%C0%AE" + p);
        s.put("fullwidth solidus", p -> p.replaceFirst("/([^/]*)/", "/$1%EF%BC%8F"));
        s.put("one-dot leader", p -> "/x/%E2%80%A4%E2%80%A4" + p);
        s.put("cyrillic look-alike", p -> p.replaceFirst("e", "%D0%B5"));
        s.put("kelvin sign", p -> p.replaceFirst("k", "%E2%84%AA"));
        s.put("null byte", p -> p + "%00");
        s.put("encoded percent", p -> p + "%25");
        s.put("trailing encoded space", p -> p + "%20");
        s.put("query", p -> p + "?x=../../user");
        s.put("query with encoded slash", p -> p + "?next=%2Fkeys");
        s.put("fragment", p -> p + "#/../keys");
        return s;
    }

    private static String hex(char c) {
        return String.format("%02X", (int) c);
    }

    private static String insertAfterSegment(String path, int segment, String text) {
        int at = 0;
        for (int i = 0; i <= segment; i++) {
            int next = path.indexOf('/', at + 1);
            at = next < 0 ? path.length() : next;
            if (next < 0) {
                break;
            }
        }
        return path.substring(0, at) + text + path.substring(at);
    }

    private static final List<String> CALLERS = List.of("anonymous", "user", "other", "admin");
    private int turn;

    /**
     * Every caller on Open Liberty; on Payara every (verb, spelling) still, with one caller in turn: which caller
     * is the policy's part, the same Java on both servers, while the spelling is the server's (its decoding,
     * normalization and routing). A quarter of the cases, a quarter of the time, on the second server.
     */
    private static List<String> callersFor(int spelling) {
        return onPayara() ? List.of(CALLERS.get(spelling % CALLERS.size())) : CALLERS;
    }

    @Test
    void theServiceForwardAuthApiGatewayAndNginxAgreeOnEverySpelling() throws Exception {
        callers.put("user", account("user"));
        callers.put("other", account("other"));
        callers.put("admin", account("admin"));
        long started = System.nanoTime();
        try (Nginx nginx = Nginx.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (String verb : VERBS) {
                    List<Future<?>> work = new ArrayList<>();
                    for (Base base : bases()) {
                        for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
                            for (String caller : callersFor(++turn)) {
                                Runnable check = () -> check(nginx, verb, base, spelling.getKey(), spelling.getValue(), caller);
                                if (verb.equals("DELETE")) {
                                    check.run();
                                } else {
                                    work.add(pool.submit(check));
                                }
                            }
                        }
                    }
                    for (Future<?> f : work) {
                        f.get();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println("DifferentialAuthorizerIT: " + checked + " (spelling, verb, caller) cases, 4 entry points each, "
                + SPELLINGS.size() * bases().size() + " spellings, in " + seconds + " s; " + outcomes + "; violations: "
                + violations.size());
        int share = onPayara() ? CALLERS.size() : 1;
        assertTrue(outcomes.getOrDefault("service ALLOW", 0) > 500 / share
                && outcomes.getOrDefault("service REFUSED", 0) > 5000 / share
                && outcomes.getOrDefault("nginx ALLOW", 0) > 500 / share, "every kind of outcome is exercised: " + outcomes);
        assertTrue(violations.isEmpty(), violations.size() + " disagreements, the first: "
                + violations.subList(0, Math.min(25, violations.size())));
    }

    private Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        callers.forEach((role, account) -> ids.put(role, account.id()));
        return ids;
    }

    private void check(Nginx nginx, String verb, Base base, String spellingName, UnaryOperator<String> spelling,
                       String caller) {
        Accounts.Account account = callers.get(caller);
        String bearer = account == null ? null : account.bearer();
        String target = spelling.apply(base.path().apply(ids()));
        String label = verb + " " + target + " (" + base.name() + ", " + spellingName + ") as " + caller;
        Decision forward = forward(verb, target, bearer);
        Decision gateway = gateway(verb, target, bearer);
        Decision nginxDecision = nginx(nginx.port(), verb, target, bearer);
        Decision service = service(verb, target, bearer);
        synchronized (this) {
            checked++;
            outcomes.merge("service " + service, 1, Integer::sum);
            outcomes.merge("forward-auth " + forward, 1, Integer::sum);
            outcomes.merge("nginx " + nginxDecision, 1, Integer::sum);
        }
        if ((forward == Decision.REFUSED) != (gateway == Decision.REFUSED)) {
            violations.add(label + ": forward-auth " + forward + " but API Gateway " + gateway);
        } else if (forward != Decision.REFUSED && (forward == Decision.ALLOW) != (gateway == Decision.ALLOW)) {
            violations.add(label + ": forward-auth " + forward + " but API Gateway " + gateway);
        }
        boolean authorizerRan = service == Decision.ALLOW || service == Decision.UNAUTHENTICATED
                || service == Decision.FORBIDDEN;
        if (authorizerRan && service != forward) {
            violations.add(label + ": the service " + service + " but forward-auth " + forward);
        }
        if (service == Decision.REFUSED && forward != Decision.REFUSED) {
            violations.add(label + ": the service refused the path, forward-auth " + forward);
        }
        if (nginxDecision == Decision.ALLOW && forward != Decision.ALLOW) {
            violations.add(label + ": nginx let through what forward-auth decided " + forward);
        }
        String routedVerb = verb.equals("HEAD") ? "GET" : verb;
        if (service == Decision.ALLOW && !oracle(routedVerb, canonical(target), caller)) {
            violations.add(label + ": the service allowed what API.md's table does not");
        }
        if (nginxDecision == Decision.ALLOW && !oracle(routedVerb, canonical(target), caller)) {
            violations.add(label + ": nginx let through what API.md's table does not allow");
        }
        if (service == Decision.ALLOW && verb.equals("DELETE") && target.contains("/user/")) {
            replaceDeleted();
        }
    }

    /** A DELETE that went through removed an account: the callers whose account is gone are made again. */
    private void replaceDeleted() {
        for (String role : List.of("user", "other", "admin")) {
            Accounts.Account account = callers.get(role);
            if (api.get("/user/" + account.id(), accounts.admin().bearer()).status() == 404) {
                callers.put(role, account(role));
            }
        }
    }

    private Decision service(String verb, String target, String bearer) {
        Map<String, String> headers = bearer == null ? Map.of() : Map.of("Authorization", bearer);
        boolean hasBody = verb.equals("POST") || verb.equals("PUT") || verb.equals("PATCH");
        // a body that fails to parse after the authorizer: nothing is changed by a request that gets through
        RawHttp.Reply reply = RawHttp.send(port, verb, target, headers, hasBody ? "{\"broken\":" : null);
        if (reply.status() == 200 && reply.header("Content-Type") == null && reply.body().isEmpty()) {
            return Decision.CONTAINER;
        }
        return switch (reply.status()) {
            case 401 -> Decision.UNAUTHENTICATED;
            case 403 -> Decision.FORBIDDEN;
            case 405, 406, 415 -> Decision.UNROUTED;
            case 404 -> "No resource at this path.".equals(reply.detail()) || reply.problemType() == null
                    ? Decision.UNROUTED : Decision.ALLOW;
            case 400 -> REFUSED.equals(reply.problemType()) ? Decision.REFUSED
                    : reply.problemType() == null ? Decision.UNROUTED : Decision.ALLOW;
            default -> verb.equals("OPTIONS") ? Decision.UNROUTED : Decision.ALLOW;
        };
    }

    private Decision forward(String verb, String target, String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Original-Method", verb);
        headers.put("X-Original-URI", target);
        if (bearer != null) {
            headers.put("Authorization", bearer);
        }
        RawHttp.Reply reply = RawHttp.send(port, "GET", "/authorize", headers, null);
        return switch (reply.status()) {
            case 204 -> Decision.ALLOW;
            case 400 -> Decision.REFUSED;
            case 401 -> Decision.UNAUTHENTICATED;
            case 403 -> Decision.FORBIDDEN;
            default -> throw new AssertionError("forward-auth answered " + reply);
        };
    }

    private Decision gateway(String verb, String target, String bearer) {
        // API Gateway builds the method ARN from the resource path, without the query (a fragment is never sent)
        String arn = ARN + verb + target.split("\\?", 2)[0];
        String event = Json.createObjectBuilder().add("type", "TOKEN").add("authorizationToken", bearer == null ? "" : bearer)
                .add("methodArn", arn).build().toString();
        RawHttp.Reply reply = RawHttp.send(port, "POST", "/authorize", Map.of(), event);
        if (reply.status() == 400) {
            return Decision.REFUSED;
        }
        JsonObject answer = Json.createReader(new StringReader(reply.body())).readObject();
        for (JsonValue statement : answer.getJsonObject("policyDocument").getJsonArray("Statement")) {
            JsonObject s = statement.asJsonObject();
            boolean names = s.getJsonArray("Resource").getValuesAs(JsonString::getString).contains(arn);
            if (names) {
                return s.getString("Effect").equals("Allow") ? Decision.ALLOW : Decision.DENY;
            }
        }
        throw new AssertionError("the gateway answer names no effect for " + arn + ": " + answer);
    }

    private Decision nginx(int nginxPort, String verb, String target, String bearer) {
        Map<String, String> headers = bearer == null ? Map.of() : Map.of("Authorization", bearer);
        RawHttp.Reply reply = RawHttp.send(nginxPort, verb, target, headers, null);
        boolean upstream = reply.status() == 200 && (verb.equals("HEAD") || reply.body().startsWith("upstream "));
        return upstream ? Decision.ALLOW : Decision.DENY;
    }

    /** The path a request names, decoded once, without query, fragment or trailing slash. */
    private static String canonical(String target) {
        String path = target.split("[?#]", 2)[0];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String decoded = bytes.toString(StandardCharsets.UTF_8);
        return decoded.length() > 1 && decoded.endsWith("/") ? decoded.substring(0, decoded.length() - 1) : decoded;
    }

    /** API.md's access table, written out independently of the policy document. */
    private boolean oracle(String verb, String path, String caller) {
        Set<String> publicPosts = Set.of("/user", "/user/login", "/user/refresh-token", "/authorize", "/oauth2/token",
                "/oauth2/revoke", "/oauth2/introspect", "/oauth2/logout");
        Set<String> publicGets = Set.of("/.well-known/jwks.json", "/.well-known/openid-configuration", "/authorize",
                "/oauth2/authorize", "/oauth2/logout");
        if ((verb.equals("POST") && publicPosts.contains(path)) || (verb.equals("GET") && publicGets.contains(path))) {
            return true;
        }
        Accounts.Account account = callers.get(caller);
        if (account == null) {
            return false;
        }
        if (verb.equals("POST") && path.equals("/user/logout")) {
            return true;
        }
        if (Set.of("GET", "POST").contains(verb) && Set.of("/oauth2/authorize", "/oauth2/userinfo").contains(path)) {
            return true;
        }
        String self = "/user/" + account.id();
        boolean isSelf = path.equalsIgnoreCase(self);
        if (isSelf && Set.of("GET", "PUT", "DELETE").contains(verb)) {
            return true;
        }
        if (path.equalsIgnoreCase(self + "/password") && verb.equals("PUT")) {
            return true;
        }
        if (!caller.equals("admin")) {
            return false;
        }
        if (verb.equals("PUT") && path.equalsIgnoreCase(self + "/roles")) {
            return false;
        }
        return path.equals("/user") || path.startsWith("/user/") || path.equals("/keys") || path.startsWith("/keys/")
                || path.equals("/clients") || path.startsWith("/clients/");
    }
}
