package io.accounts.platform.store;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready while MongoDB answers a ping (and start-up's database work is done); live while the JVM serves. */
@ApplicationScoped
public class HealthChecks {

    @Inject
    MongoDatabase database;

    @Inject
    DatabaseSetups startup;

    @Produces
    @Readiness
    HealthCheck mongo() {
        return () -> {
            try {
                database.runCommand(new Document("ping", 1));
                startup.ensureDatabase();
                return HealthCheckResponse.up("mongodb");
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("mongodb").down()
                        .withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("service");
    }
}
