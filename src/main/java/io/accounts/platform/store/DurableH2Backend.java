package io.accounts.platform.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * mongo-java-server's H2 backend made durable: a write command is answered only after the MVStore has written it
 * to its file, so a crash of the process loses nothing that was acknowledged (the store's own background commit,
 * about once a second, is turned off). Writers that arrive while a commit runs share the next one (group commit).
 * The file is written at once and forced to the disk about once a second ({@link StoreHousekeeping}), which also
 * rewrites chunks that hold little live data and gives their space back, so the file follows the live data.
 * Every command pins the store version it started on, so the space of a chunk it may still read is never reused
 * under it. A backup waits for the writes in flight, and copies the committed file while no write runs.
 * It counts the commands it serves, by name: {@code {accountsOperationCounts: 1}} answers the counts so far, which
 * is how the cost of each request in database operations is measured (docs/SCALING.md), and the store's own figures
 * (file size, fill rates, chunks, cache), which bench/soak.sh samples.
 */
final class DurableH2Backend extends H2Backend {

    static final String COUNTS = "accountsoperationcounts";
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "create", "drop", "dropindexes", "dropdatabase", "renamecollection");
    /** The commands that create the collection they name when it does not exist. */
    private static final Set<String> CREATES = Set.of("insert", "update", "findandmodify", "createindexes", "create");
    private static final Set<String> DROPS = Set.of("drop", "dropdatabase", "renamecollection");

    private static final Logger LOG = Logger.getLogger(DurableH2Backend.class.getName());
    /** A command that takes this long is logged: the client's read timeout is 5 s. */
    private static final long SLOW_MILLIS = 1_000;

    private final MVStore store;
    private final Path file;
    private final ReadWriteLock backups = new ReentrantReadWriteLock();
    private final AtomicLong written = new AtomicLong();
    private final Object commitLock = new Object();
    private long committed;
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    /** Collections whose maps are open with the data types of {@link BsonValues}. */
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    private DurableH2Backend(MVStore store, Path file) {
        super(store);
        this.store = store;
        this.file = file;
    }

    /** Opens (or creates) the store in {@code file}; throws when an existing file cannot be opened. */
    static DurableH2Backend open(Path file, StoreSettings settings) {
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .cacheSize(settings.cacheMegabytes()).pageSplitSize(settings.pageSplitKilobytes() * 1024);
        MVStore store = (settings.compress() ? builder.compress() : builder).open();
        store.setRetentionTime(settings.retentionMillis());
        BsonValues.openAll(store);
        return new DurableH2Backend(store, file);
    }

    MVStore store() {
        return store;
    }

    /** Called from mongo-java-server's constructor too, before this class's fields are set: hence getMvStore(). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return DurableDatabase.open(databaseName, getMvStore(), getCursorRegistry());
    }

    /** The databases that hold collections, read off the store's map names. */
    Set<String> databaseNames() {
        Set<String> names = new TreeSet<>();
        for (String map : store.getMapNames()) {
            if (map.startsWith(BsonValues.DATA_MAP_PREFIX)) {
                String qualified = map.substring(BsonValues.DATA_MAP_PREFIX.length());
                names.add(qualified.substring(0, qualified.indexOf('.')));
            }
        }
        return names;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (COUNTS.equals(name)) {
            Document counts = new Document();
            operations.forEach((operation, count) -> counts.put(operation, count.sum()));
            Document file = new Document();
            store.getFileStore().populateInfo((key, value) -> file.put(key.substring(key.indexOf('.') + 1)
                    .toLowerCase(Locale.ROOT), Long.parseLong(value)));
            return new Document("counts", counts).append("store", file).append("ok", 1.0);
        }
        operations.computeIfAbsent(name, n -> new LongAdder()).increment();
        prepareMaps(name, database, command, query);
        QueryShapes.flatten(name, query);
        MVStore.TxCounter pinned = store.registerVersionUsage();
        long started = System.nanoTime();
        try {
            if (!WRITES.contains(name)) {
                return super.handleCommand(channel, database, command, query);
            }
            backups.readLock().lock();
            try {
                Document reply = super.handleCommand(channel, database, command, query);
                commitUpTo(written.incrementAndGet());
                return reply;
            } finally {
                backups.readLock().unlock();
            }
        } finally {
            store.deregisterVersionUsage(pinned);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_MILLIS) {
                LOG.warning(() -> "embedded store: " + command + " on " + database + "." + query.get(command)
                        + " took " + millis + " ms");
            }
        }
    }

    /**
     * Before mongo-java-server opens the maps of a collection or index it is about to create, opens them with the
     * data types of {@link BsonValues}.
     */
    private void prepareMaps(String name, String database, String command, Document query) {
        if (DROPS.contains(name)) {
            prepared.clear();
        }
        if (!CREATES.contains(name) || !(query.get(command) instanceof String collection)) {
            return;
        }
        if (prepared.add(database + "." + collection)) {
            BsonValues.openCollection(store, database, collection);
        }
        if ("createindexes".equals(name) && query.get("indexes") instanceof List<?> indexes) {
            for (Object index : indexes) {
                if (index instanceof Document description && description.get("name") instanceof String indexName) {
                    BsonValues.openIndex(store, database, collection, indexName);
                }
            }
        }
    }

    /** Commits unless a commit that began after this write was counted has covered it already. */
    private void commitUpTo(long write) {
        synchronized (commitLock) {
            if (committed >= write) {
                return;
            }
            long covered = written.get();
            store.commit();
            committed = covered;
        }
    }

    /**
     * Runs {@code work} on the file as a write would (never during a backup's copy), then commits what it changed
     * before any later write is acknowledged.
     */
    void maintain(Runnable work) {
        backups.readLock().lock();
        try {
            work.run();
            commitUpTo(written.incrementAndGet());
        } finally {
            backups.readLock().unlock();
        }
    }

    /** A consistent copy of the store: every write acknowledged before the call is in it. */
    void backup(Path target) {
        backups.writeLock().lock();
        try {
            store.commit();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot back up " + file + " to " + target, e);
        } finally {
            backups.writeLock().unlock();
        }
    }
}
