package io.accounts.auth;

import io.accounts.platform.NoStore;
import io.accounts.platform.SensitiveChange;
import io.accounts.platform.web.Envelope;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** A user's sessions: {@code /user/{id}/sessions}; who may call each is decided by the access policy. */
@ApplicationScoped
@Tag(name = "Sessions")
@Path("/user/{id}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    Sessions sessions;

    @GET
    @Operation(operationId = "listSessions",
            summary = "List a user's live sessions, newest first (that user or an admin)")
    @NoStore
    public Envelope<List<SessionView>> list(@PathParam("id") String id, @Context SecurityContext security) {
        return Envelope.of(null, sessions.list(id, caller(security)));
    }

    @DELETE
    @Path("{sid}")
    @Operation(operationId = "endSession",
            summary = "End one session: its refresh and access tokens stop working (that user or an admin)")
    public Response end(@PathParam("id") String id, @PathParam("sid") String sid, @Context SecurityContext security) {
        sessions.end(id, sid, caller(security));
        return Response.noContent().build();
    }

    @DELETE
    @Operation(operationId = "endOtherSessions",
            summary = "End every session but the caller's own (that user, recently signed in, or an admin)")
    @SensitiveChange(ownAccountOnly = true)
    public Response endOthers(@PathParam("id") String id, @Context SecurityContext security) {
        sessions.endOthers(id, caller(security));
        return Response.noContent().build();
    }

    private static JwtPrincipal caller(SecurityContext security) {
        return (JwtPrincipal) security.getUserPrincipal();
    }
}
