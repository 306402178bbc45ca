package io.accounts.platform.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A collection of the embedded store that finds a document by its {@code _id} even when the query has other
 * conditions besides. mongo-java-server uses an index only when the query names exactly the index's fields, so
 * {@code {_id: x, current: h, state: "active"}} (a refresh rotation's compare-and-swap) scanned every document of
 * the collection; here the {@code _id} index yields the one candidate and the whole query is then matched on it,
 * which is what MongoDB does.
 */
final class IdLookupCollection extends H2Collection {

    private volatile Index<Object> ids;
    private final LongAdder fullScans = new LongAdder();

    IdLookupCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                       MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    /**
     * A secondary index (TTL, or any non-unique one) is kept by mongo-java-server under its name only
     * ({@link EmptyIndex}: no query is answered from it), yet adding one walked every document of the collection
     * twice, at every start and every createIndexes: on a soaked file (200,000 documents) about 6 of a restart's 12
     * seconds. Nothing is built for it, so it is added without the walk.
     */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (index instanceof EmptyIndex<Object> && getIndexes().stream().noneMatch(i -> i.getName().equals(index.getName()))) {
            getIndexes().add(index);
            return;
        }
        super.addIndex(index);
        if (isIdIndex(index)) {
            ids = index;
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        fullScans.increment();
        return super.streamAllDocumentsWithPosition();
    }

    /** How many times every document of the collection was walked (a query no index serves, an index built). */
    long fullScans() {
        return fullScans.sum();
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        Index<Object> index = ids;
        Object id = query.get("_id");
        if (index != null && query.size() > 1 && isPlainValue(id)) {
            Document byId = new Document("_id", id);
            if (index.canHandle(byId)) {
                return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize,
                        fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /** Whether the {@code _id} index serves queries that name {@code _id} with more conditions besides. */
    boolean usesIdIndex() {
        return ids != null;
    }

    /** The index on {@code _id} alone (IndexKey has no equals of its own: compared by its fields). */
    private static boolean isIdIndex(Index<Object> index) {
        List<IndexKey> keys = index.getKeys();
        return keys.size() == 1 && keys.get(0).getKey().equals("_id");
    }

    /** An _id given as a value, not as operators ({@code $in}, ...), a sub-document, a list or a pattern. */
    private static boolean isPlainValue(Object id) {
        return id != null && !(id instanceof Document) && !(id instanceof Collection)
                && !(id instanceof BsonRegularExpression);
    }
}
