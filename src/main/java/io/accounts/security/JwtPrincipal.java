package io.accounts.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.accounts.policy.Caller;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.text.ParseException;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A verified access token as the MicroProfile JWT {@link JsonWebToken} principal of the request, and as the
 * policy's {@link Caller}. Only the verifier makes one, after the signature and claims have been checked.
 */
public final class JwtPrincipal implements JsonWebToken, Caller {

    private final String rawToken;
    private final JWTClaimsSet claims;
    private final Set<String> groups;

    public JwtPrincipal(String rawToken, JWTClaimsSet claims) {
        this.rawToken = rawToken;
        this.claims = claims;
        List<String> listed = groupsOf(claims);
        this.groups = Set.copyOf(listed);
    }

    private static List<String> groupsOf(JWTClaimsSet claims) {
        try {
            List<String> listed = claims.getStringListClaim(Claims.groups.name());
            return listed == null ? List.of() : listed;
        } catch (ParseException e) {
            return List.of();
        }
    }

    @Override
    public String getName() {
        String upn = (String) claims.getClaim(Claims.upn.name());
        return upn != null ? upn : claims.getSubject();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(claims.getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return (T) rawToken;
        }
        if (Claims.groups.name().equals(name)) {
            return (T) groups;
        }
        if (Claims.aud.name().equals(name)) {
            List<String> audience = claims.getAudience();
            return audience.isEmpty() ? null : (T) new LinkedHashSet<>(audience);
        }
        Object value = claims.getClaim(name);
        return (T) (value instanceof Date date ? Long.valueOf(date.getTime() / 1000) : value);
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    public String subject() {
        return claims.getSubject();
    }

    public JWTClaimsSet claims() {
        return claims;
    }

    @Override
    public String toString() {
        return "JwtPrincipal[sub=" + claims.getSubject() + "]";
    }
}
