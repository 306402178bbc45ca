package io.accounts.platform.web;

import io.accounts.platform.BackupTaken;
import io.accounts.platform.SensitiveChange;
import io.accounts.platform.ApiException;
import io.accounts.platform.DatabaseBackups;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /backup} (admin, by the policy): a consistent snapshot of the embedded database, taken while the
 * service runs; {@code scripts/restore.sh} puts it back. With {@code MONGODB_URI}, MongoDB's own tools do this.
 * A backup holds every account, so it needs a recent sign-in and is recorded ({@link BackupTaken}).
 */
@ApplicationScoped
@Tag(name = "Operations")
@Path("/backup")
public class BackupResource {

    @Inject
    DatabaseBackups databases;

    @Inject
    Event<BackupTaken> taken;

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "downloadBackup",
            summary = "A consistent snapshot of the embedded database file (admin); 409 with MONGODB_URI")
    @SensitiveChange
    public Response backup(@Context SecurityContext security) {
        java.nio.file.Path snapshot;
        try {
            snapshot = Files.createTempFile("accounts-backup-", ".mv");
            if (!databases.backUp(snapshot)) {
                Files.deleteIfExists(snapshot);
                throw ApiException.conflict(
                        "This service uses MONGODB_URI: back it up with mongodump (see README, Operating).");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamingOutput body = out -> {
            try {
                Files.copy(snapshot, out);
            } finally {
                Files.deleteIfExists(snapshot);
            }
        };
        taken.fire(new BackupTaken(security.getUserPrincipal() instanceof JsonWebToken caller ? caller.getSubject()
                : null));
        String name = "accounts-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + ".mv";
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
