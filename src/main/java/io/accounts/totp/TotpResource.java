package io.accounts.totp;

import io.accounts.platform.NoStore;
import io.accounts.platform.SensitiveChange;
import io.accounts.platform.web.Envelope;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** {@code /user/{id}/totp}: enrol, confirm, remove a second factor; who may is the policy's decision. */
@ApplicationScoped
@Tag(name = "Second factor")
@Path("/user/{id}/totp")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TotpResource {

    @Inject
    TotpService totp;

    @POST
    @Operation(operationId = "enrolTotp",
            summary = "Start a TOTP enrolment: the secret (base32) and its otpauth URI; active once confirmed")
    @SensitiveChange
    @NoStore
    public Envelope<TotpService.Enrolment> enrol(@PathParam("id") String id) {
        return Envelope.of("Scan the code, then confirm it with a first code", totp.enrol(id));
    }

    @POST
    @Path("confirm")
    @Operation(operationId = "confirmTotp",
            summary = "Activate TOTP with a first correct code; answers the ten recovery codes, once")
    @SensitiveChange
    @NoStore
    public Envelope<Map<String, List<String>>> confirm(@PathParam("id") String id,
                                                       @Valid @NotNull TotpRequests.Code body) {
        return Envelope.of("TOTP is active", Map.of("recovery_codes", totp.confirm(id, body.code())));
    }

    @DELETE
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "removeTotp",
            summary = "Remove TOTP: the user with {\"code\"} or {\"current_password\"}, or an admin (no body)")
    @SensitiveChange
    public Response remove(@PathParam("id") String id, @Valid TotpRequests.Removal body,
                           @Context SecurityContext security, @Context HttpServletRequest request) {
        JwtPrincipal caller = (JwtPrincipal) security.getUserPrincipal();
        totp.remove(id, caller.subject(), caller.getGroups().contains(Roles.ADMIN),
                body == null ? null : body.code(), body == null ? null : body.currentPassword(),
                request.getRemoteAddr());
        return Response.noContent().build();
    }
}
