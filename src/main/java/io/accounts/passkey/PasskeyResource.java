package io.accounts.passkey;

import io.accounts.platform.NoStore;
import io.accounts.platform.SensitiveChange;
import io.accounts.platform.web.Envelope;
import io.accounts.platform.web.JsonText;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** A user's passkeys, {@code /user/{id}/passkeys}; who may call each is the access policy's decision. */
@ApplicationScoped
@Tag(name = "Passkeys")
@Path("/user/{id}/passkeys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    @Inject
    PasskeyRegistration passkeys;

    @POST
    @Path("options")
    @Operation(operationId = "passkeyRegistrationOptions",
            summary = "Begin adding a passkey: PublicKeyCredentialCreationOptionsJSON for the browser")
    @SensitiveChange
    @NoStore
    public Envelope<Map<String, Object>> options(@PathParam("id") String id) {
        return Envelope.of(null, passkeys.registrationOptions(id));
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "registerPasskey",
            summary = "Finish adding a passkey: the browser's RegistrationResponseJSON, with an optional name")
    @SensitiveChange
    public Response register(@PathParam("id") String id, @NotNull JsonText body) {
        return Response.status(Response.Status.CREATED)
                .entity(Envelope.of("The passkey is added", passkeys.register(id, body))).build();
    }

    @GET
    @Operation(operationId = "listPasskeys",
            summary = "List a user's passkeys, oldest first (that user or an admin); never key material")
    @NoStore
    public Envelope<List<PasskeyView>> list(@PathParam("id") String id) {
        return Envelope.of(null, passkeys.list(id));
    }

    @DELETE
    @Path("{pid}")
    @Operation(operationId = "removePasskey", summary = "Remove a passkey (that user, recently signed in, or an admin)")
    @SensitiveChange(ownAccountOnly = true)
    public Response remove(@PathParam("id") String id, @PathParam("pid") String pid,
                           @Context SecurityContext security) {
        JwtPrincipal caller = (JwtPrincipal) security.getUserPrincipal();
        passkeys.remove(id, pid, !caller.subject().equalsIgnoreCase(id) && caller.getGroups().contains(Roles.ADMIN));
        return Response.noContent().build();
    }
}
