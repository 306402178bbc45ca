package io.accounts.security;

import io.accounts.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Map;

/**
 * The rule of sensitive changes: the token's sign-in ({@code auth_time}, kept unchanged by every refresh) is at most
 * {@code auth.max-auth-age} seconds old (300, Keycloak's default for the same rule), else {@code 401}
 * {@code urn:accounts:problem:reauthentication-required} with RFC 9470's challenge. Signing in again is the proof.
 */
@ApplicationScoped
public class FreshSignIn {

    public static final String PROBLEM = "urn:accounts:problem:reauthentication-required";

    @Inject
    @ConfigProperty(name = "auth.max-auth-age", defaultValue = "300")
    long maxAgeSeconds;

    @Inject
    Clock clock;

    /** Refuses the change unless the caller signed in recently enough. */
    public void require(JwtPrincipal caller) {
        if (caller == null || !isFresh(caller)) {
            throw new ApiException(401, "This change needs a recent sign-in: sign in again, then retry.", null,
                    Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", "
                            + "error_description=\"A more recent authentication is required\", max_age="
                            + maxAgeSeconds)).typed(PROBLEM);
        }
    }

    boolean isFresh(JwtPrincipal caller) {
        Object authTime = caller.getClaim("auth_time");
        return authTime instanceof Number seconds
                && clock.instant().getEpochSecond() - seconds.longValue() <= maxAgeSeconds;
    }
}
