package io.accounts.recovery;

import io.accounts.platform.web.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Password reset and email verification, under the tutorial's {@code /user}. */
@ApplicationScoped
@Tag(name = "Recovery")
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    @Inject
    PasswordReset reset;

    @Inject
    EmailVerification verification;

    @Inject
    EmailChangeRevert revert;

    @POST
    @Path("password-reset")
    @Operation(operationId = "requestPasswordReset",
            summary = "Mail a single-use password-reset link; the same answer whether or not the address has an account")
    public Response requestReset(@Valid @NotNull RecoveryRequests.ResetRequest body, @Context HttpServletRequest request) {
        reset.request(body.email(), request.getRemoteAddr());
        return accepted("If this address has an account, a reset link is on its way.");
    }

    @POST
    @Path("password-reset/confirm")
    @Operation(operationId = "confirmPasswordReset",
            summary = "Set a new password with a reset token; every session of the account ends")
    public Response confirmReset(@Valid @NotNull RecoveryRequests.ResetConfirmation body) {
        reset.confirm(body.token(), body.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("verify-email")
    @Operation(operationId = "verifyEmail", summary = "Prove an address with the token of its verification mail")
    public Response verify(@Valid @NotNull RecoveryRequests.Verification body) {
        verification.verify(body.token());
        return Response.noContent().build();
    }

    @POST
    @Path("email-change/revert")
    @Operation(operationId = "revertEmailChange",
            summary = "Take an email change back with the token mailed to the old address: the old address is"
            + " restored, every session ends, every passkey and a second factor added since are removed")
    public Response revertEmailChange(@Valid @NotNull RecoveryRequests.Revert body) {
        revert.revert(body.token());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/verify-email/resend")
    @Operation(operationId = "resendVerificationEmail",
            summary = "Send another verification mail (that user or an admin)")
    public Response resend(@PathParam("id") String id) {
        verification.resend(id);
        return accepted("A verification mail is on its way.");
    }

    private static Response accepted(String message) {
        return Response.accepted(Envelope.of(message, null)).build();
    }
}
