package io.accounts.auth;

import io.accounts.platform.NoStore;
import io.accounts.platform.Meters;
import io.accounts.platform.web.Envelope;
import io.accounts.platform.web.ValidBodies;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.Supplier;

/** Login and token refresh, under the tutorial's {@code /user} paths. */
@ApplicationScoped
@Tag(name = "Sign-in")
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AuthService auth;

    @Inject
    MetricRegistry metrics;

    /** The bodies' constraints, checked once here (no {@code @Valid}: the hot paths, see {@link ValidBodies}). */
    @Inject
    ValidBodies bodies;

    private final Supplier<Timer> logins = Meters.once(() -> metrics.timer(Meters.timer("accounts_login",
            "time to answer a login")));
    private final Supplier<Timer> refreshes = Meters.once(() -> metrics.timer(Meters.timer("accounts_refresh",
            "time to answer a refresh")));

    @POST
    @Path("login")
    @Operation(operationId = "login", summary = "Log in with email and password")
    @NoStore
    public Envelope<TokenPair> login(@RequestBody(required = true) Credentials body, @Context HttpServletRequest request) {
        try (Timer.Context timed = logins.get().time()) {
            return Envelope.of("Welcome !", auth.login(bodies.check(body), request.getRemoteAddr(),
                    request.getHeader("User-Agent")));
        }
    }

    @POST
    @Path("refresh-token")
    @Operation(operationId = "refreshToken", summary = "Get a new access token")
    @NoStore
    public Envelope<TokenPair> refresh(@RequestBody(required = true) RefreshRequest body,
                                       @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try (Timer.Context timed = refreshes.get().time()) {
            bodies.check(body);
            return Envelope.of(null, body.refreshToken() != null ? auth.rotate(body.refreshToken())
                    : auth.refreshAccessToken(body.token(), authorization));
        }
    }

    @POST
    @Path("logout")
    @Operation(operationId = "logout",
            summary = "End the session of this access token (its refresh tokens stop working)")
    public Response logout(@Context SecurityContext security) {
        auth.logout((JwtPrincipal) security.getUserPrincipal());
        return Response.noContent().build();
    }
}
