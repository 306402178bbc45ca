package io.accounts.platform.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.List;

/**
 * A collection of the embedded store that finds a document by its {@code _id} even when the query has other
 * conditions besides. mongo-java-server uses an index only when the query names exactly the index's fields, so
 * {@code {_id: x, current: h, state: "active"}} (a refresh rotation's compare-and-swap) scanned every document of
 * the collection; here the {@code _id} index yields the one candidate and the whole query is then matched on it,
 * which is what MongoDB does.
 */
final class IdLookupCollection extends H2Collection {

    private volatile Index<Object> ids;

    IdLookupCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                       MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    @Override
    public void addIndex(Index<Object> index) {
        super.addIndex(index);
        if (isIdIndex(index)) {
            ids = index;
        }
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
