package io.accounts.passkey;

import io.accounts.auth.TokenPair;
import io.accounts.platform.NoStore;
import io.accounts.platform.web.Envelope;
import io.accounts.platform.web.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Signing in with a passkey, {@code /user/passkey-login}: open to anyone, throttled per address. */
@ApplicationScoped
@Tag(name = "Sign-in")
@Path("/user/passkey-login")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class PasskeyLoginResource {

    @Inject
    PasskeySignIn passkeys;

    @POST
    @Path("options")
    @Operation(operationId = "passkeySignInOptions",
            summary = "Begin a passkey sign-in: PublicKeyCredentialRequestOptionsJSON (discoverable credentials)")
    @NoStore
    public Envelope<Map<String, Object>> options(@Context HttpServletRequest request) {
        return Envelope.of(null, passkeys.signInOptions(request.getRemoteAddr()));
    }

    @POST
    @Operation(operationId = "signInWithPasskey",
            summary = "Sign in with a passkey: the browser's AuthenticationResponseJSON; the answer of a login")
    @NoStore
    public Envelope<TokenPair> signIn(@NotNull JsonText body, @Context HttpServletRequest request) {
        return Envelope.of("Welcome !", passkeys.signIn(body, request.getRemoteAddr(), request.getHeader("User-Agent")));
    }
}
