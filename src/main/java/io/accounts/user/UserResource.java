package io.accounts.user;

import io.accounts.platform.SensitiveChange;
import io.accounts.platform.web.Envelope;
import io.accounts.security.JwtPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tutorial's user endpoints; who may call each is decided by the access policy, never here. */
@ApplicationScoped
@Tag(name = "Users")
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;

    @Inject
    UserPasswords passwords;

    @POST
    @Operation(operationId = "registerUser", summary = "Register an account")
    public Response register(@Valid @NotNull NewUser body, @Context HttpServletRequest request) {
        Registered registered = users.register(body, request.getRemoteAddr());
        return Response.created(UriBuilder.fromPath("/user/{id}").build(registered.id()))
                .entity(Envelope.of("Registered Successfully", registered)).build();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users by id, one keyset page at a time (admin)")
    public UserPage list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return users.list(limit, after);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getUser", summary = "Read a user (that user or an admin)")
    public Envelope<UserView> get(@PathParam("id") String id) {
        return Envelope.of("Success", users.get(id));
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateUser", summary = "Replace a user's names and email (that user or an admin)")
    public Envelope<UserView> update(@PathParam("id") String id, @Valid @NotNull UserUpdate body,
                                     @Context SecurityContext security) {
        return Envelope.of("Data Updated Successfully !",
                users.update(id, body, (JwtPrincipal) security.getUserPrincipal()));
    }

    @PUT
    @Path("{id}/password")
    @Operation(operationId = "changePassword",
            summary = "Change a password (that user, with the current one) or reset it (an admin)")
    public Response changePassword(@PathParam("id") String id, @Valid @NotNull PasswordChange body,
                                   @Context SecurityContext security, @Context HttpServletRequest request) {
        passwords.changePassword(id, body, ((JwtPrincipal) security.getUserPrincipal()).subject(),
                request.getRemoteAddr());
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/roles")
    @Operation(operationId = "changeRoles", summary = "Replace a user's roles (admin)")
    @SensitiveChange
    public Envelope<UserView> changeRoles(@PathParam("id") String id, @Valid @NotNull RoleChange body) {
        return Envelope.of("Roles Updated Successfully !", users.changeRoles(id, body));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteUser", summary = "Delete a user (that user or an admin)")
    @SensitiveChange(ownAccountOnly = true)
    public Response delete(@PathParam("id") String id) {
        users.delete(id);
        return Response.noContent().build();
    }
}
