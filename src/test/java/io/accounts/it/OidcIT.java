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
import io.accounts.it.support.Api;
import io.accounts.it.support.DeployedService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as an OpenID Connect provider, driven over HTTP as a client application would (API.md, "OAuth 2.1 and
 * OpenID Connect"): the code flow with PKCE, the ID token, userinfo, refresh, and each refusal RFC 9700 asks for.
 */
class OidcIT extends DeployedService {

    private static final String CALLBACK = "https://app.example.com/cb";

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
        Api.Reply registered = api.post("/clients", accounts.admin().bearer(), Json.createObjectBuilder()
                .add("client_name", "OIDC test " + type).add("type", type)
                .add("redirect_uris", Json.createArrayBuilder().add(CALLBACK)).build().toString());
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
}
