package io.accounts.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The default database when no MongoDB is configured: a MongoDB wire-protocol server inside this JVM,
 * listening on loopback only and keeping its data in one H2 MVStore file, so a restart loses nothing.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());
    private static final String FILE_NAME = "mongo.mv";

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.connectionString = "mongodb://127.0.0.1:" + address.getPort();
    }

    /** Starts a server on a free loopback port whose data lives in {@code dataDir}. */
    public static EmbeddedMongo start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", 0);
        EmbeddedMongo mongo = new EmbeddedMongo(server, server.getLocalAddress());
        LOG.info(() -> "Embedded MongoDB wire-protocol server listening at " + mongo.connectionString
                + ", data in " + file);
        LOG.warning("The embedded MongoDB keeps its working set in this JVM's heap and scans for range queries:"
                + " it suits development and small deployments; set MONGODB_URI for large or production data");
        return mongo;
    }

    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
