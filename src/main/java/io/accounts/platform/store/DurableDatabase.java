package io.accounts.platform.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database of the embedded store whose collections are {@link IdLookupCollection}s. mongo-java-server's
 * constructor opens the existing collections before this class's fields are set, so the store is handed over
 * through {@link #OPENING} for that time.
 */
final class DurableDatabase extends H2Database {

    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private DurableDatabase(String name, MVStore store, CursorRegistry cursors) {
        super(name, store, cursors);
        this.store = store;
    }

    static DurableDatabase open(String name, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new DurableDatabase(name, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String name = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = mvStore.openMap(BsonValues.DATA_MAP_PREFIX + name);
        MVMap<String, Object> meta = mvStore.openMap("meta." + name);
        return new IdLookupCollection(this, collectionName, options, data, meta, cursorRegistry);
    }
}
