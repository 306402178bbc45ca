package io.accounts.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import io.accounts.it.support.Accounts;
import io.accounts.it.support.Await;
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as an OpenID Connect provider, driven over HTTP as a client application would (API.md, "OAuth 2.1 and
 * OpenID Connect"): the code flow with PKCE, the ID token, userinfo, refresh, and each refusal RFC 9700 asks for.
 */
class OidcIT extends DeployedService {

    private static final String CALLBACK = "https://app.example.com/cb";
    private static final String SIGNED_OUT = "https://app.example.com/signed-out";

    private record Client(String id, String secret) {

        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Flow(String query, CodeVerifier verifier) {
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Client register(String type) {
        return register(type, true);
    }

    private Client register(String type, boolean pkce) {
        Api.Reply registered = api.post("/clients", accounts.admin().bearer(), Json.createObjectBuilder()
                .add("client_name", "OIDC test " + type).add("type", type).add("require_pkce", pkce)
                .add("redirect_uris", Json.createArrayBuilder().add(CALLBACK))
                .add("post_logout_redirect_uris", Json.createArrayBuilder().add(SIGNED_OUT)).build().toString());
        assertEquals(201, registered.status(), registered::toString);
        return new Client(registered.data().getString("client_id"),
                registered.data().containsKey("client_secret") ? registered.data().getString("client_secret") : null);
    }

    private static Flow flow(Client client, String extra) {
        CodeVerifier verifier = new CodeVerifier();
        String query = "response_type=code&client_id=" + enc(client.id()) + "&redirect_uri=" + enc(CALLBACK)
                + "&scope=" + enc("openid email profile") + "&state=st-1&nonce=n-0S6_WzA2Mj&code_challenge="
                + CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue() + "&code_challenge_method=S256"
                + extra;
        return new Flow(query, verifier);
    }

    private static Map<String, String> parameters(String location) {
        Map<String, String> found = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            found.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return found;
    }

    /** The person signed in on the pages: what the page's POST answers, the code in it. */
    private String code(Accounts.Account user, Flow flow) {
        Api.Reply authorized = api.post("/oauth2/authorize?" + flow.query(), user.bearer(), null);
        assertEquals(200, authorized.status(), authorized::toString);
        String location = authorized.data().getString("redirect_to");
        assertTrue(location.startsWith(CALLBACK + "?"), location);
        Map<String, String> answer = parameters(location);
        assertEquals("st-1", answer.get("state"));
        assertEquals(System.getProperty("it.issuer"), answer.get("iss"), "RFC 9207");
        return answer.get("code");
    }

    private Api.Reply exchange(Client client, String code, CodeVerifier verifier, String redirect) {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirect)
                + (verifier == null ? "" : "&code_verifier=" + verifier.getValue());
        return client.secret() == null ? api.form("/oauth2/token", null, form + "&client_id=" + enc(client.id()))
                : api.form("/oauth2/token", client.basic(), form);
    }

    private static void oauthError(Api.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(error, reply.json().getString("error"), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void aConfidentialClientSignsAPersonInWithTheCodeFlowAndPkce() throws Exception {
        Client client = register("confidential");
        Accounts.Account user = accounts.create("oidc");
        Flow flow = flow(client, "");

        Api.Reply begin = api.get("/oauth2/authorize?" + flow.query(), null);
        assertEquals(303, begin.status(), begin::toString);
        assertEquals("/account/sign-in?" + flow.query(), URI.create(begin.header("Location")).getRawPath() + "?"
                + URI.create(begin.header("Location")).getRawQuery(), "to the pages' sign-in, the same query");

        String code = code(user, flow);
        Api.Reply tokens = exchange(client, code, flow.verifier(), CALLBACK);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("no-store", tokens.header("Cache-Control"));
        JsonObject answer = tokens.json();
        assertEquals("Bearer", answer.getString("token_type"));
        assertEquals("openid email profile", answer.getString("scope"));
        String accessToken = answer.getString("access_token");

        SignedJWT idToken = SignedJWT.parse(answer.getString("id_token"));
        JWKSet keys = JWKSet.parse(api.get("/.well-known/jwks.json", null).response().body());
        assertTrue(idToken.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID()))),
                "signed with the service's published key");
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertEquals(System.getProperty("it.issuer"), claims.getIssuer());
        assertEquals(user.id(), claims.getSubject());
        assertEquals(List.of(client.id()), claims.getAudience());
        assertEquals("n-0S6_WzA2Mj", claims.getStringClaim("nonce"));
        assertTrue(claims.getLongClaim("auth_time") > 0);
        assertEquals(AccessTokenHash.compute(new BearerAccessToken(accessToken), JWSAlgorithm.ES256).getValue(),
                claims.getStringClaim("at_hash"));
        assertEquals(user.email(), claims.getStringClaim("email"));
        assertEquals("Ada", claims.getStringClaim("given_name"));

        JWTClaimsSet access = SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertTrue(access.getAudience().contains(client.id()));
        assertEquals(client.id(), access.getStringClaim("client_id"));
        Api.Reply userinfo = api.get("/oauth2/userinfo", "Bearer " + accessToken);
        assertEquals(200, userinfo.status(), userinfo::toString);
        assertEquals(user.id(), userinfo.json().getString("sub"));
        assertEquals(user.email(), userinfo.json().getString("email"));
        assertEquals(401, api.get("/user/" + user.id(), "Bearer " + answer.getString("id_token")).status(),
                "an ID token is not an access token");

        Api.Reply rotated = api.form("/oauth2/token", client.basic(), "grant_type=refresh_token&refresh_token="
                + enc(answer.getString("refresh_token")));
        assertEquals(200, rotated.status(), rotated::toString);
        assertEquals(401, api.post("/user/refresh-token", null, Json.createObjectBuilder().add("refresh_token",
                rotated.json().getString("refresh_token")).build().toString()).status(),
                "an application's refresh token does not work at the service's own endpoint");
        oauthError(api.form("/oauth2/token", client.basic(), "grant_type=refresh_token&refresh_token="
                + enc(rotated.json().getString("refresh_token"))), 400, "invalid_grant");

        oauthError(exchange(client, code, flow.verifier(), CALLBACK), 400, "invalid_grant");
    }

    @Test
    void aSecondUseOfACodeRevokesWhatTheFirstIssued() {
        Client client = register("confidential");
        Accounts.Account user = accounts.create("oidc-replay");
        Flow flow = flow(client, "");
        String code = code(user, flow);
        Api.Reply first = exchange(client, code, flow.verifier(), CALLBACK);
        assertEquals(200, first.status(), first::toString);
        oauthError(exchange(client, code, flow.verifier(), CALLBACK), 400, "invalid_grant");
        oauthError(api.form("/oauth2/token", client.basic(), "grant_type=refresh_token&refresh_token="
                + enc(first.json().getString("refresh_token"))), 400, "invalid_grant");
    }

    @Test
    void eachBindingOfTheCodeAndTheClientIsChecked() {
        Client client = register("confidential");
        Client other = register("confidential");
        Client publicOne = register("public");
        Accounts.Account user = accounts.create("oidc-refused");

        Flow flow = flow(client, "");
        oauthError(exchange(client, code(user, flow), new CodeVerifier(), CALLBACK), 400, "invalid_grant");
        flow = flow(client, "");
        oauthError(exchange(client, code(user, flow), null, CALLBACK), 400, "invalid_grant");
        flow = flow(client, "");
        oauthError(exchange(client, code(user, flow), flow.verifier(), CALLBACK + "/other"), 400, "invalid_grant");
        flow = flow(client, "");
        oauthError(exchange(other, code(user, flow), flow.verifier(), CALLBACK), 400, "invalid_grant");
        flow = flow(client, "");
        Api.Reply wrongSecret = exchange(new Client(client.id(), "not-the-secret"), code(user, flow),
                flow.verifier(), CALLBACK);
        oauthError(wrongSecret, 401, "invalid_client");
        assertTrue(wrongSecret.header("WWW-Authenticate").startsWith("Basic"));
        flow = flow(client, "");
        oauthError(exchange(new Client(client.id(), null), code(user, flow), flow.verifier(), CALLBACK), 401,
                "invalid_client");
        oauthError(api.form("/oauth2/token", client.basic(), "grant_type=password&username=a&password=b"), 400,
                "unsupported_grant_type");

        Flow publicFlow = flow(publicOne, "");
        Api.Reply publicTokens = exchange(publicOne, code(user, publicFlow), publicFlow.verifier(), CALLBACK);
        assertEquals(200, publicTokens.status(), "a public client proves itself with PKCE: " + publicTokens);
    }

    @Test
    void aBadClientOrRedirectIsNeverRedirectedToAndOtherFaultsAre() {
        Client client = register("public");
        Api.Reply unknown = api.get("/oauth2/authorize?" + flow(new Client("nobody", null), "").query(), null);
        assertEquals(400, unknown.status(), unknown::toString);
        assertNull(unknown.header("Location"));
        Api.Reply unregistered = api.get("/oauth2/authorize?" + flow(client, "").query()
                .replace(enc(CALLBACK), enc("https://evil.example/cb")), null);
        assertEquals(400, unregistered.status(), unregistered::toString);
        assertNull(unregistered.header("Location"));

        Api.Reply noPkce = api.get("/oauth2/authorize?" + flow(client, "").query()
                .replace("&code_challenge_method=S256", "&code_challenge_method=plain"), null);
        assertEquals(303, noPkce.status(), noPkce::toString);
        Map<String, String> error = parameters(noPkce.header("Location"));
        assertEquals("invalid_request", error.get("error"));
        assertEquals("st-1", error.get("state"));
        assertEquals(System.getProperty("it.issuer"), error.get("iss"));
        Api.Reply silent = api.get("/oauth2/authorize?" + flow(client, "&prompt=none").query(), null);
        assertEquals("login_required", parameters(silent.header("Location")).get("error"));
        assertEquals(401, api.post("/oauth2/authorize?" + flow(client, "").query(), null, null).status(),
                "a code only for a signed-in person");
    }

    @Test
    void aClientRegisteredWithoutPkceMustSendANonceAndCannotBeDowngraded() throws Exception {
        Client legacy = register("confidential", false);
        Accounts.Account user = accounts.create("oidc-nonce");
        String withoutPkce = flow(legacy, "").query().replaceAll("&code_challenge=[^&]*&code_challenge_method=S256", "");

        Api.Reply noNonce = api.get("/oauth2/authorize?" + withoutPkce.replace("&nonce=n-0S6_WzA2Mj", ""), null);
        assertEquals(303, noNonce.status(), noNonce::toString);
        assertEquals("invalid_request", parameters(noNonce.header("Location")).get("error"));

        Flow nonceOnly = new Flow(withoutPkce, null);
        Api.Reply tokens = exchange(legacy, code(user, nonceOnly), null, CALLBACK);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("n-0S6_WzA2Mj", SignedJWT.parse(tokens.json().getString("id_token")).getJWTClaimsSet()
                .getStringClaim("nonce"), "the nonce binds the code to the client's session instead");
        oauthError(exchange(legacy, code(user, nonceOnly), new CodeVerifier(), CALLBACK), 400, "invalid_grant");

        Flow withPkce = flow(legacy, "");
        oauthError(exchange(legacy, code(user, withPkce), null, CALLBACK), 400, "invalid_grant");
        Flow again = flow(legacy, "");
        assertEquals(200, exchange(legacy, code(user, again), again.verifier(), CALLBACK).status(),
                "a challenge sent is a challenge enforced, and then met");
    }

    /** A signed-in grant of this client: the token answer. */
    private JsonObject grant(Client client, Accounts.Account user) {
        Flow flow = flow(client, "");
        Api.Reply tokens = exchange(client, code(user, flow), flow.verifier(), CALLBACK);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json();
    }

    private Api.Reply introspect(Client client, String token) {
        Api.Reply reply = api.form("/oauth2/introspect", client.basic(), "token=" + enc(token));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("no-store", reply.header("Cache-Control"));
        return reply;
    }

    private Api.Reply refresh(Client client, String refreshToken) {
        return api.form("/oauth2/token", client.basic(), "grant_type=refresh_token&refresh_token=" + enc(refreshToken));
    }

    @Test
    void introspectionAnswersOnlyTheClientThatHoldsTheToken() {
        Client client = register("confidential");
        Client other = register("confidential");
        Client publicOne = register("public");
        Accounts.Account user = accounts.create("oidc-introspect");
        JsonObject tokens = grant(client, user);

        JsonObject access = introspect(client, tokens.getString("access_token")).json();
        assertTrue(access.getBoolean("active"), access::toString);
        assertEquals(client.id(), access.getString("client_id"));
        assertEquals(user.id(), access.getString("sub"));
        assertEquals(user.email(), access.getString("username"));
        assertEquals("openid email profile", access.getString("scope"));
        assertEquals("Bearer", access.getString("token_type"));
        assertTrue(access.getJsonNumber("exp").longValue() > access.getJsonNumber("iat").longValue());
        JsonObject refresh = introspect(client, tokens.getString("refresh_token")).json();
        assertTrue(refresh.getBoolean("active"), refresh::toString);
        assertEquals("refresh_token", refresh.getString("token_type"));
        assertEquals(user.id(), refresh.getString("sub"));

        for (String inactive : new String[]{tokens.getString("id_token"), "no-such-token", "a.b",
                user.token(), tokens.getString("refresh_token") + "x"}) {
            assertEquals(Json.createObjectBuilder().add("active", false).build(), introspect(client, inactive).json(),
                    "an ID token, garbage, the service's own token or a wrong secret: " + inactive);
        }
        assertEquals(Json.createObjectBuilder().add("active", false).build(),
                introspect(other, tokens.getString("access_token")).json(), "another client's token");
        oauthError(api.form("/oauth2/introspect", null, "token=" + enc(tokens.getString("access_token"))
                + "&client_id=" + enc(publicOne.id())), 401, "invalid_client");
        oauthError(api.form("/oauth2/introspect", new Client(client.id(), "wrong").basic(), "token=x"), 401,
                "invalid_client");
        oauthError(api.form("/oauth2/introspect", client.basic(), "token_type_hint=access_token"), 400,
                "invalid_request");

        Api.Reply rotated = refresh(client, tokens.getString("refresh_token"));
        assertEquals(200, rotated.status(), rotated::toString);
        assertFalse(introspect(client, tokens.getString("refresh_token")).json().getBoolean("active"),
                "a used refresh token is no longer active");
    }

    @Test
    void revokingEitherTokenEndsTheWholeGrant() throws InterruptedException {
        Client client = register("confidential");
        Client other = register("confidential");
        Client publicOne = register("public");
        Accounts.Account user = accounts.create("oidc-revoke");

        JsonObject byRefresh = grant(client, user);
        oauthError(api.form("/oauth2/revoke", other.basic(), "token=" + enc(byRefresh.getString("refresh_token"))),
                400, "unauthorized_client");
        assertEquals(200, refresh(client, byRefresh.getString("refresh_token")).status(),
                "another client's attempt revoked nothing");
        byRefresh = grant(client, user);
        Api.Reply revoked = api.form("/oauth2/revoke", client.basic(), "token="
                + enc(byRefresh.getString("refresh_token")) + "&token_type_hint=refresh_token");
        assertEquals(200, revoked.status(), revoked::toString);
        oauthError(refresh(client, byRefresh.getString("refresh_token")), 400, "invalid_grant");
        assertEquals(401, api.get("/oauth2/userinfo", "Bearer " + byRefresh.getString("access_token")).status(),
                "the access token of the revoked grant stops at once on this node");

        JsonObject byAccess = grant(client, user);
        assertEquals(200, api.form("/oauth2/revoke", client.basic(), "token="
                + enc(byAccess.getString("access_token"))).status());
        oauthError(refresh(client, byAccess.getString("refresh_token")), 400, "invalid_grant");
        assertFalse(introspect(client, byAccess.getString("access_token")).json().getBoolean("active"));

        assertEquals(200, api.form("/oauth2/revoke", client.basic(), "token=unknown-or-expired").status(),
                "nothing to revoke is not an error (RFC 7009 2.2)");
        oauthError(api.form("/oauth2/revoke", null, "token=x"), 400, "invalid_request");
        oauthError(api.form("/oauth2/revoke", new Client(client.id(), "wrong").basic(), "token=x"), 401,
                "invalid_client");

        JsonObject publicGrant = grant(publicOne, user);
        assertEquals(200, api.form("/oauth2/revoke", null, "token=" + enc(publicGrant.getString("refresh_token"))
                + "&client_id=" + enc(publicOne.id())).status());
        Api.Reply publicRefresh = api.form("/oauth2/token", null, "grant_type=refresh_token&client_id="
                + enc(publicOne.id()) + "&refresh_token=" + enc(publicGrant.getString("refresh_token")));
        oauthError(publicRefresh, 400, "invalid_grant");
        awaitEvent("TOKEN_REVOKED", user.id(), client.id());
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionAndReturnsOnlyToARegisteredUri() throws InterruptedException {
        Client client = register("confidential");
        Client other = register("confidential");
        Accounts.Account user = accounts.create("oidc-logout");
        JsonObject tokens = grant(client, user);
        String hint = enc(tokens.getString("id_token"));

        for (String refused : new String[]{
                "id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc("https://evil.example/bye"),
                "id_token_hint=" + hint + "&post_logout_redirect_uri=" + enc(CALLBACK),
                "id_token_hint=" + hint + "&client_id=" + enc(other.id()),
                "id_token_hint=" + enc(tokens.getString("access_token")),
                "id_token_hint=not-a-token",
                "post_logout_redirect_uri=" + enc(SIGNED_OUT),
                "client_id=nobody"}) {
            Api.Reply reply = api.get("/oauth2/logout?" + refused, null);
            assertEquals(400, reply.status(), refused + ": " + reply);
            assertNull(reply.header("Location"), "never a redirect: " + refused);
        }
        assertEquals(200, refresh(client, tokens.getString("refresh_token")).status(),
                "a refused logout ended nothing");
        tokens = grant(client, user);
        hint = enc(tokens.getString("id_token"));

        Api.Reply out = api.get("/oauth2/logout?id_token_hint=" + hint + "&post_logout_redirect_uri="
                + enc(SIGNED_OUT) + "&state=bye-1", null);
        assertEquals(303, out.status(), out::toString);
        assertEquals(SIGNED_OUT + "?state=bye-1", out.header("Location"));
        oauthError(refresh(client, tokens.getString("refresh_token")), 400, "invalid_grant");
        assertEquals(401, api.get("/oauth2/userinfo", "Bearer " + tokens.getString("access_token")).status());
        awaitEvent("LOGOUT", user.id(), "oidc");

        Api.Reply again = api.form("/oauth2/logout", null, "id_token_hint=" + hint + "&client_id=" + enc(client.id()));
        assertEquals(303, again.status(), "a form, and a session already ended: " + again);
        assertTrue(again.header("Location").endsWith("/account/?signed-out"), again.header("Location"));
        Api.Reply bare = api.get("/oauth2/logout", null);
        assertEquals(303, bare.status(), bare::toString);
        assertTrue(bare.header("Location").endsWith("/account/?signed-out"), bare.header("Location"));
    }

    private void awaitEvent(String type, String userId, String detail) throws InterruptedException {
        String admin = accounts.admin().bearer();
        Await.value(type + " event of " + userId, Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
            JsonArray data = api.get("/events?limit=100&type=" + type + "&user=" + userId, admin).json()
                    .getJsonArray("data");
            return data.toString().contains(detail) ? Optional.of(data) : Optional.empty();
        });
    }
}
