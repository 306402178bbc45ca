package io.accounts.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.accounts.auth.AuthResource;
import io.accounts.gateway.AuthorizeResource;
import io.accounts.keys.KeysResource;
import io.accounts.keys.WellKnownResource;
import io.accounts.policy.Endpoint;
import io.accounts.policy.Policy;
import io.accounts.events.EventsResource;
import io.accounts.platform.web.BackupResource;
import io.accounts.recovery.RecoveryResource;
import io.accounts.oidc.AuthorizationResource;
import io.accounts.oidc.ClientResource;
import io.accounts.oidc.EndSessionResource;
import io.accounts.oidc.IntrospectionResource;
import io.accounts.oidc.RevocationResource;
import io.accounts.oidc.TokenResource;
import io.accounts.oidc.UserInfoResource;
import io.accounts.passkey.PasskeyLoginResource;
import io.accounts.passkey.PasskeyResource;
import io.accounts.totp.TotpResource;
import io.accounts.auth.SessionResource;
import io.accounts.policy.PolicyException;
import io.accounts.user.UserResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped server-config/policy.json reproduces API.md: each statement, and Deny winning over Allow. */
class DefaultPolicyTest {

    static final String ME = "0123456789abcdef01234567";
    static final String OTHER = "fedcba9876543210fedcba98";

    static List<Endpoint> endpoints() {
        return Stream.of(UserResource.class, AuthResource.class, KeysResource.class, WellKnownResource.class,
                AuthorizeResource.class, BackupResource.class, RecoveryResource.class, TotpResource.class,
                EventsResource.class, SessionResource.class, PasskeyResource.class,
                PasskeyLoginResource.class, ClientResource.class, AuthorizationResource.class,
                TokenResource.class, UserInfoResource.class, RevocationResource.class, IntrospectionResource.class,
                EndSessionResource.class).flatMap(c -> Endpoint.of(c).stream()).toList();
    }

    static final Policy POLICY = AccessPolicy.load("server-config/policy.json", endpoints());

    static JwtPrincipal caller(String sub, String... groups) {
        return new JwtPrincipal("raw", new JWTClaimsSet.Builder().subject(sub).claim("groups", List.of(groups)).build());
    }

    private static final JwtPrincipal USER = caller(ME, "user");
    private static final JwtPrincipal ADMIN = caller(OTHER, "admin", "user");

    @Test
    void everyEndpointIsCoveredAndTheDocumentIsWhatTheServerLoads() {
        assertEquals(48, endpoints().size(), "the endpoints this test was written for: " + endpoints());
        assertEquals(17, POLICY.statements().size());
    }

    @Test
    void applicationsAndTheirUsersReachTheProvidersEndpoints() {
        assertTrue(POLICY.allows("GET", "/oauth2/authorize", null), "the browser arrives signed out");
        assertTrue(POLICY.allows("POST", "/oauth2/authorize", USER));
        assertFalse(POLICY.allows("POST", "/oauth2/authorize", null), "a code only for a signed-in person");
        assertTrue(POLICY.allows("POST", "/oauth2/token", null), "clients authenticate themselves there");
        assertTrue(POLICY.allows("GET", "/oauth2/userinfo", USER));
        assertFalse(POLICY.allows("GET", "/oauth2/userinfo", null));
        for (String clientAuthenticated : new String[]{"/oauth2/revoke", "/oauth2/introspect"}) {
            assertTrue(POLICY.allows("POST", clientAuthenticated, null), "clients authenticate themselves there");
        }
        assertTrue(POLICY.allows("GET", "/oauth2/logout", null), "an application sends the browser, no token");
        assertTrue(POLICY.allows("POST", "/oauth2/logout", null));
    }

    @Test
    void onlyAdminsManageClients() {
        for (String method : List.of("GET", "POST")) {
            assertTrue(POLICY.allows(method, "/clients", ADMIN), method);
            assertFalse(POLICY.allows(method, "/clients", USER), method);
            assertFalse(POLICY.allows(method, "/clients", null), method);
        }
        assertTrue(POLICY.allows("DELETE", "/clients/c1", ADMIN));
        assertFalse(POLICY.allows("DELETE", "/clients/c1", USER));
    }

    @Test
    void usersAddListAndRemoveTheirPasskeysAndAdminsListAndRemoveAnyones() {
        String mine = "/user/" + ME + "/passkeys";
        for (String path : List.of(mine, mine + "/options")) {
            assertTrue(POLICY.allows("POST", path, USER), path);
            assertFalse(POLICY.allows("POST", path.replace(ME, OTHER), USER), path);
            assertFalse(POLICY.allows("POST", path, ADMIN), "an admin adds no passkey to someone else's account");
            assertFalse(POLICY.allows("POST", path, null), "not anonymously");
        }
        assertTrue(POLICY.allows("POST", "/user/" + OTHER + "/passkeys/options", ADMIN), "an admin adds its own");
        assertTrue(POLICY.allows("GET", mine, USER));
        assertTrue(POLICY.allows("DELETE", mine + "/cred1", USER));
        assertFalse(POLICY.allows("GET", "/user/" + OTHER + "/passkeys", USER));
        assertFalse(POLICY.allows("DELETE", "/user/" + OTHER + "/passkeys/cred1", USER));
        assertTrue(POLICY.allows("GET", mine, ADMIN));
        assertTrue(POLICY.allows("DELETE", mine + "/cred1", ADMIN));
        assertTrue(POLICY.allows("POST", "/user/passkey-login/options", null), "anyone begins a passkey sign-in");
        assertTrue(POLICY.allows("POST", "/user/passkey-login", null));
    }

    @Test
    void usersSeeAndEndTheirOwnSessionsAndAdminsAnyones() {
        for (String method : List.of("GET", "DELETE")) {
            assertTrue(POLICY.allows(method, "/user/" + ME + "/sessions", USER), method);
            assertFalse(POLICY.allows(method, "/user/" + OTHER + "/sessions", USER), method);
            assertTrue(POLICY.allows(method, "/user/" + ME + "/sessions", ADMIN), method);
        }
        assertTrue(POLICY.allows("DELETE", "/user/" + ME + "/sessions/s1", USER));
        assertFalse(POLICY.allows("DELETE", "/user/" + OTHER + "/sessions/s1", USER));
        assertFalse(POLICY.allows("GET", "/user/" + ME + "/sessions", null), "not anonymously");
    }

    @Test
    void publicEntryPointsAreOpenToAnyone() {
        for (String path : List.of("/user", "/user/login", "/user/refresh-token", "/authorize",
                "/user/email-change/revert")) {
            assertTrue(POLICY.allows("POST", path, null), path);
        }
        assertTrue(POLICY.allows("GET", "/.well-known/jwks.json", null));
        assertTrue(POLICY.allows("GET", "/.well-known/openid-configuration", null));
        assertTrue(POLICY.allows("GET", "/authorize", null));
        assertFalse(POLICY.allows("GET", "/user", null));
        assertFalse(POLICY.allows("DELETE", "/user/login", null));
    }

    @Test
    void discoveryIsExactlyTheTwoDocuments() {
        for (String path : List.of("/.well-known/x", "/.well-known/../user", "/.well-known/jwks.json/../../user",
                "/.well-known", "/.well-known/jwks.json/x")) {
            assertFalse(POLICY.allows("GET", path, null), path);
        }
    }

    @Test
    void recoveryIsOpenAndTheSecondFactorIsTheUsersOwn() {
        for (String path : List.of("/user/password-reset", "/user/password-reset/confirm", "/user/verify-email")) {
            assertTrue(POLICY.allows("POST", path, null), path);
        }
        for (String path : List.of("/totp", "/totp/confirm", "/verify-email/resend")) {
            assertTrue(POLICY.allows("POST", "/user/" + ME + path, USER), path);
            assertFalse(POLICY.allows("POST", "/user/" + OTHER + path, USER), path);
            assertFalse(POLICY.allows("POST", "/user/" + ME + path, null), path);
        }
        assertTrue(POLICY.allows("DELETE", "/user/" + ME + "/totp", USER));
        assertFalse(POLICY.allows("POST", "/user/" + ME + "/totp", ADMIN), "an admin does not enrol someone else");
        assertFalse(POLICY.allows("POST", "/user/" + ME + "/totp/confirm", ADMIN));
        assertTrue(POLICY.allows("DELETE", "/user/" + ME + "/totp", ADMIN), "but removes it");
        assertTrue(POLICY.allows("POST", "/user/" + ME + "/verify-email/resend", ADMIN));
        assertTrue(POLICY.allows("POST", "/user/" + OTHER + "/totp", ADMIN), "an admin enrols its own");
    }

    @Test
    void anyAuthenticatedCallerLogsOut() {
        assertTrue(POLICY.allows("POST", "/user/logout", USER));
        assertFalse(POLICY.allows("POST", "/user/logout", null));
    }

    @Test
    void usersManageThemselvesOnly() {
        for (String verb : List.of("GET", "PUT", "DELETE")) {
            assertTrue(POLICY.allows(verb, "/user/" + ME, USER), verb);
            assertTrue(POLICY.allows(verb, "/user/" + ME.toUpperCase(), USER), verb + " ids ignore case");
            assertFalse(POLICY.allows(verb, "/user/" + OTHER, USER), verb);
            assertFalse(POLICY.allows(verb, "/user/" + ME, null), verb);
        }
        assertTrue(POLICY.allows("PUT", "/user/" + ME + "/password", USER));
        assertFalse(POLICY.allows("PUT", "/user/" + OTHER + "/password", USER));
        assertFalse(POLICY.allows("GET", "/user", USER));
        assertFalse(POLICY.allows("PUT", "/user/" + ME + "/roles", USER));
        assertFalse(POLICY.allows("POST", "/keys/rotate", USER));
    }

    @Test
    void adminsManageUsersAndKeys() {
        assertTrue(POLICY.allows("GET", "/user", ADMIN));
        for (String verb : List.of("GET", "PUT", "DELETE")) {
            assertTrue(POLICY.allows(verb, "/user/" + ME, ADMIN), verb);
        }
        assertTrue(POLICY.allows("PUT", "/user/" + ME + "/password", ADMIN));
        assertTrue(POLICY.allows("PUT", "/user/" + ME + "/roles", ADMIN));
        assertTrue(POLICY.allows("GET", "/keys", ADMIN));
        assertTrue(POLICY.allows("POST", "/keys/rotate", ADMIN));
        assertTrue(POLICY.allows("DELETE", "/keys/abc", ADMIN));
        assertTrue(POLICY.allows("GET", "/backup", ADMIN));
        assertTrue(POLICY.allows("GET", "/events", ADMIN));
        assertFalse(POLICY.allows("GET", "/events", USER));
        assertTrue(POLICY.allows("GET", "/metrics", null), "metrics are open by default");
        assertFalse(POLICY.allows("GET", "/backup", USER));
    }

    @Test
    void theDenyOnOnesOwnRolesWinsOverTheAdminsAllow() {
        assertTrue(POLICY.allows("PUT", "/user/" + ME + "/roles", ADMIN), "another user's roles");
        assertFalse(POLICY.allows("PUT", "/user/" + OTHER + "/roles", ADMIN), "an explicit Deny beats the Allow");
        assertFalse(POLICY.allows("PUT", "/user/" + OTHER.toUpperCase() + "/roles", ADMIN));
    }

    @Test
    void anUncoveredResourceMethodOrUnreadableFileStopsTheStart() throws Exception {
        Path partial = Files.createTempFile("policy", ".json");
        Files.writeString(partial, "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"POST\","
                + "\"Resource\":\"/user\"}]}");
        String message = assertThrows(PolicyException.class,
                () -> AccessPolicy.load(partial.toString(), endpoints())).getMessage();
        assertTrue(message.contains("no Allow statement for"), message);
        Files.writeString(partial, "{ not json");
        assertThrows(PolicyException.class, () -> AccessPolicy.load(partial.toString(), List.of()));
        assertThrows(PolicyException.class, () -> AccessPolicy.load("/no/such/policy.json", List.of()));
        assertEquals(17, AccessPolicy.load("classpath:META-INF/policy.json", endpoints())
                .statements().size(), "the WAR carries the same document");
    }
}
