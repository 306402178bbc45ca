package io.accounts.platform.store;

import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The default database when no MongoDB is configured: a MongoDB wire-protocol server inside this JVM, listening
 * on loopback only and keeping its data in one H2 MVStore file, written before each write is acknowledged
 * ({@link DurableH2Backend}), so neither a restart nor a crash of the process loses an acknowledged write.
 * {@link #main} runs the same server as a process of its own, for a database several nodes share.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());
    static final String FILE_NAME = "mongo.mv";
    static final String RESTORE = "scripts/restore.sh <backup file> <data.dir>";
    /** An MVStore file holds at least its two 4 KiB header blocks. */
    private static final long SMALLEST_STORE = 8192;

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final StoreHousekeeping housekeeping;
    private final ExpirySweep expiry;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, DurableH2Backend backend, StoreSettings settings,
                          InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.connectionString = "mongodb://127.0.0.1:" + address.getPort();
        this.housekeeping = new StoreHousekeeping(backend, settings);
        this.expiry = new ExpirySweep(connectionString, backend::databaseNames, settings.sweepSeconds(),
                Clock.systemUTC());
    }

    /** Starts a server on a free loopback port whose data lives in {@code dataDir}. */
    public static EmbeddedMongo start(Path dataDir) {
        return start(dataDir, 0, StoreSettings.DEFAULTS);
    }

    /** The same on a given loopback port (0: any free one), with these memory and expiry settings. */
    public static EmbeddedMongo start(Path dataDir, int port, int cacheMegabytes, int sweepSeconds) {
        return start(dataDir, port, StoreSettings.DEFAULTS.with(cacheMegabytes, sweepSeconds));
    }

    static EmbeddedMongo start(Path dataDir, int port, StoreSettings settings) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        DurableH2Backend backend = open(file, settings);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        EmbeddedMongo mongo = new EmbeddedMongo(server, backend, settings, server.getLocalAddress());
        LOG.info(() -> "Embedded MongoDB wire-protocol server listening at " + mongo.connectionString
                + ", data in " + file);
        LOG.warning("The embedded MongoDB keeps its working set in this JVM's heap and scans for range queries:"
                + " it suits development and small deployments; set MONGODB_URI for large or production data");
        return mongo;
    }

    /** The store, or a start-up failure naming the file and the way back: never a silently empty database. */
    private static DurableH2Backend open(Path file, StoreSettings settings) {
        try {
            if (Files.exists(file) && Files.size(file) < SMALLEST_STORE) {
                throw new IllegalStateException("is truncated (" + Files.size(file) + " bytes)");
            }
            return DurableH2Backend.open(file, settings);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The embedded database file " + file + " cannot be opened: "
                    + e.getMessage() + ". Restore it from a backup (" + RESTORE + ") or move it away to start with"
                    + " an empty database.", e);
        }
    }

    public String connectionString() {
        return connectionString;
    }

    /** Writes a consistent copy of the store to {@code target}. */
    /** The collection as the embedded server holds it, for the store's own tests. */
    Object collection(String database, String collection) {
        return backend.resolveDatabase(database).resolveCollection(collection, true);
    }

    public void backup(Path target) {
        backend.backup(target);
    }

    @Override
    public void close() {
        expiry.close();
        housekeeping.close();
        server.shutdownNow();
    }

    /** {@code java ... EmbeddedMongo PORT DATA_DIR}: the same durable server as a process of its own. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongo mongo = start(Path.of(args[1]), Integer.parseInt(args[0]), StoreSettings.DEFAULTS);
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close));
        Thread.currentThread().join();
    }
}
