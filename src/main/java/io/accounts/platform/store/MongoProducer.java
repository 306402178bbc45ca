package io.accounts.platform.store;

import io.accounts.platform.DatabaseBackups;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Produces the one {@link MongoClient} of the application: the configured {@code mongodb.uri}, or the embedded
 * wire-protocol server when none is set. Timeouts are short by default so an outage answers 503 within seconds.
 */
@ApplicationScoped
public class MongoProducer implements DatabaseBackups {

    static final int DEFAULT_TIMEOUT_MS = 2_000;
    static final int DEFAULT_READ_TIMEOUT_MS = 5_000;

    @Inject
    @ConfigProperty(name = "mongodb.uri")
    Optional<String> uri;

    @Inject
    @ConfigProperty(name = "mongodb.database", defaultValue = "myDB")
    String database;

    @Inject
    @ConfigProperty(name = "data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "embedded.cache-mb", defaultValue = "4")
    int cacheMegabytes;

    @Inject
    @ConfigProperty(name = "embedded.ttl-sweep-seconds", defaultValue = "60")
    int sweepSeconds;

    private volatile EmbeddedMongo embedded;

    @Produces
    @ApplicationScoped
    MongoClient client() {
        String connection = uri.filter(u -> !u.isBlank()).orElseGet(this::startEmbedded);
        return MongoClients.create(settings(connection));
    }

    @Produces
    @ApplicationScoped
    MongoDatabase database(MongoClient client) {
        return client.getDatabase(database);
    }

    void close(@Disposes MongoClient client) {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    static MongoClientSettings settings(String connection) {
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(connection);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mongodb.uri (MONGODB_URI) is not a MongoDB connection string: "
                    + e.getMessage(), e);
        }
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(parsed);
        // token and user state: acknowledged only once a majority of the replica set journaled it (a failover
        // cannot roll it back), a write interrupted by a failover is retried once, and reads go to the primary,
        // so a node never reads an older refresh family or token version than the one another node wrote
        if (parsed.getWriteConcern() == null) {
            builder.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        if (parsed.getRetryWritesValue() == null) {
            builder.retryWrites(true);
        }
        if (parsed.getReadPreference() == null) {
            builder.readPreference(ReadPreference.primary());
        }
        if (parsed.getServerSelectionTimeout() == null) {
            builder.applyToClusterSettings(c -> c.serverSelectionTimeout(DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (parsed.getConnectTimeout() == null) {
            builder.applyToSocketSettings(s -> s.connectTimeout(DEFAULT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        if (parsed.getSocketTimeout() == null) {
            builder.applyToSocketSettings(s -> s.readTimeout(DEFAULT_READ_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return builder.build();
    }

    /** The embedded server, when this service runs one (no {@code mongodb.uri}). */
    Optional<EmbeddedMongo> embedded() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public boolean backUp(Path target) {
        EmbeddedMongo server = embedded;
        if (server == null) {
            return false;
        }
        server.backup(target);
        return true;
    }

    private String startEmbedded() {
        embedded = EmbeddedMongo.start(Path.of(dataDir), 0, cacheMegabytes, sweepSeconds);
        return embedded.connectionString();
    }
}
