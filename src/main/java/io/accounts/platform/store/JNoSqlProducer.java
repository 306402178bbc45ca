package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentConfiguration;
import org.eclipse.jnosql.mapping.Database;
import org.eclipse.jnosql.mapping.DatabaseType;
import org.eclipse.jnosql.mapping.semistructured.EntityConverter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hands JNoSQL our {@link MongoClient} (embedded or configured, with our timeouts) instead of letting it build
 * its own from {@code jnosql.*} properties, maps entities to the collections the features configure, and makes the
 * {@link DriverCalls} for what JNoSQL cannot say, over the same database and mapping.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class JNoSqlProducer {

    @Inject
    @ConfigProperty(name = "mongodb.database", defaultValue = "myDB")
    String database;

    @Inject
    @Any
    Instance<EntityCollection> collections;

    @Produces
    @ApplicationScoped
    @Database(DatabaseType.DOCUMENT)
    DatabaseManager manager(MongoClient client) {
        DatabaseManager manager = new MongoDBDocumentConfiguration().get(client).apply(database);
        return new RenamingDatabaseManager(manager, names());
    }

    @Produces
    @ApplicationScoped
    DriverCalls driverCalls(MongoDatabase mongo, EntityConverter converter) {
        return new DriverCalls(mongo, converter, names());
    }

    private Map<String, String> names() {
        return collections.stream().collect(Collectors.toMap(EntityCollection::entity, EntityCollection::collection));
    }
}
