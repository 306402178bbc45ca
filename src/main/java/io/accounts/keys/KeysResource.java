package io.accounts.keys;

import io.accounts.platform.SensitiveChange;
import io.accounts.platform.web.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Signing-key administration (admin): list, rotate, and retire at once (a compromised key). */
@ApplicationScoped
@Tag(name = "Keys")
@Path("/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {

    @Inject
    KeyRing keys;

    /**
     * A key as admins see it, never its key material: {@code published} (in the JWKS, signing from
     * {@code activated_at}), {@code active}, {@code retiring} (verifying until {@code retire_at}) or {@code retired}.
     */
    public record KeyView(String kid, String alg, String state, Instant createdAt, Instant activatedAt,
                          Instant retireAt) {

        static KeyView from(StoredKey key, Instant now) {
            String state = key.active() && key.activatedAt().isAfter(now) ? "published" : key.state();
            return new KeyView(key.kid(), key.algorithm(), state, key.createdAt(), key.activatedAt(), key.retireAt());
        }
    }

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "listKeys", summary = "List the signing keys and their states")
    public Envelope<List<KeyView>> list() {
        Instant now = clock.instant();
        return Envelope.of("Success", keys.list().stream().map(k -> KeyView.from(k, now)).toList());
    }

    @POST
    @Path("rotate")
    @Operation(operationId = "rotateKey",
            summary = "Make a new key: published in the JWKS now, signing after jwt.key-publish-seconds (at once"
            + " with ?immediately=true, for a compromised key); the previous one verifies until its tokens have expired")
    @SensitiveChange
    public Envelope<KeyView> rotate(@QueryParam("immediately") boolean immediately) {
        return Envelope.of("Key Rotated", KeyView.from(keys.rotate(immediately), clock.instant()));
    }

    @DELETE
    @Path("{kid}")
    @Operation(operationId = "retireKey",
            summary = "Retire a retiring key at once: tokens it signed stop verifying and it leaves the JWKS;"
            + " the active key must be rotated first (409)")
    @SensitiveChange
    public Response retire(@PathParam("kid") String kid) {
        keys.retire(kid);
        return Response.noContent().build();
    }
}
