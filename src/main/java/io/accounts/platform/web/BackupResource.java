package io.accounts.platform.web;

import io.accounts.platform.SensitiveChange;
import io.accounts.platform.ApiException;
import io.accounts.platform.DatabaseBackups;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /backup} (admin, by the policy): a consistent snapshot of the embedded database, taken while the
 * service runs; {@code scripts/restore.sh} puts it back. With {@code MONGODB_URI}, MongoDB's own tools do this.
 */
@ApplicationScoped
@Path("/backup")
public class BackupResource {

    @Inject
    DatabaseBackups databases;

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A consistent snapshot of the embedded database file (admin); 409 with MONGODB_URI")
    @SensitiveChange
    public Response backup() {
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
        String name = "accounts-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + ".mv";
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
