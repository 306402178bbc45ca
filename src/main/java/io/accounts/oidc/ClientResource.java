package io.accounts.oidc;

import io.accounts.platform.SensitiveChange;
import io.accounts.platform.NoStore;
import io.accounts.platform.web.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /clients}: the applications that sign their users in through the service (admin). */
@ApplicationScoped
@Tag(name = "OpenID Connect")
@Path("/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    @Inject
    ClientService clients;

    @POST
    @Operation(operationId = "registerClient",
            summary = "Register a client: its client_id, and its client_secret (confidential clients) told this once")
    @SensitiveChange
    @NoStore
    public Response register(@Valid @NotNull NewClient body) {
        ClientView client = clients.register(body);
        return Response.created(URI.create("/clients/" + client.clientId()))
                .entity(Envelope.of("The client is registered; keep its secret now, it is not shown again", client))
                .build();
    }

    @GET
    @Operation(operationId = "listClients", summary = "List the registered clients (never a secret)")
    public Envelope<List<ClientView>> list() {
        return Envelope.of(null, clients.list());
    }

    @DELETE
    @Path("{clientId}")
    @Operation(operationId = "deleteClient", summary = "Remove a client")
    @SensitiveChange
    public Response delete(@PathParam("clientId") String clientId) {
        clients.delete(clientId);
        return Response.noContent().build();
    }
}
