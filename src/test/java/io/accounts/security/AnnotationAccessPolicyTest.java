package io.accounts.security;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static io.accounts.security.AccessPolicy.Decision.ALLOW;
import static io.accounts.security.AccessPolicy.Decision.DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each annotation's rule, for nobody, a user, that same user and an admin. */
class AnnotationAccessPolicyTest {

    static class Resource {
        @PermitAll
        public void open() { }

        @RolesAllowed("admin")
        public void adminOnly() { }

        @SelfOrRolesAllowed("admin")
        public void selfOrAdmin() { }

        @DenyAll
        public void closed() { }

        public void anyCaller() { }
    }

    private final AnnotationAccessPolicy policy = new AnnotationAccessPolicy();
    private static final String ME = "0123456789abcdef01234567";

    private static JwtPrincipal caller(String sub, String... groups) {
        return new JwtPrincipal("raw", new JWTClaimsSet.Builder().subject(sub).claim("groups", List.of(groups)).build());
    }

    private AccessPolicy.Decision decide(String method, String id, JwtPrincipal caller) throws Exception {
        Method target = Resource.class.getMethod(method);
        return policy.decide(new AccessPolicy.Request("GET", "/user/" + id, Map.of("id", id), target), caller);
    }

    @Test
    void eachRuleDecidesForEachCaller() throws Exception {
        JwtPrincipal me = caller(ME, "user");
        JwtPrincipal other = caller("ffffffffffffffffffffffff", "user");
        JwtPrincipal admin = caller("eeeeeeeeeeeeeeeeeeeeeeee", "admin");

        assertEquals(ALLOW, decide("open", ME, null));
        assertEquals(DENY, decide("adminOnly", ME, null));
        assertEquals(DENY, decide("adminOnly", ME, me));
        assertEquals(ALLOW, decide("adminOnly", ME, admin));
        assertEquals(DENY, decide("selfOrAdmin", ME, null));
        assertEquals(ALLOW, decide("selfOrAdmin", ME, me));
        assertEquals(ALLOW, decide("selfOrAdmin", ME.toUpperCase(), me));
        assertEquals(DENY, decide("selfOrAdmin", ME, other));
        assertEquals(ALLOW, decide("selfOrAdmin", ME, admin));
        assertEquals(DENY, decide("closed", ME, admin));
        assertEquals(DENY, decide("anyCaller", ME, null));
        assertEquals(ALLOW, decide("anyCaller", ME, other));
    }
}
