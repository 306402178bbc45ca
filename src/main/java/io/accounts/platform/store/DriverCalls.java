package io.accounts.platform.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import jakarta.nosql.Entity;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.jnosql.communication.semistructured.CommunicationEntity;
import org.eclipse.jnosql.communication.semistructured.Element;
import org.eclipse.jnosql.mapping.semistructured.EntityConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the MongoDB driver is called for stored entities: what Jakarta NoSQL cannot say. Every entity is
 * written and read through Jakarta NoSQL (its template or a repository); a store comes here only for these calls,
 * each for its reason, and gets its entity back through JNoSQL's own mapping, so a field's name and type are
 * declared once, on the entity.
 * <ul>
 * <li>{@link #updateWhere}, {@link #updateAllWhere}: a partial update under a condition the database checks.
 * Jakarta NoSQL's {@code update} replaces a whole entity read earlier, which would undo a change made in between
 * (a token-version increment, a revocation) and cannot be refused when the state moved on.</li>
 * <li>{@link #updateAndGetBefore}, {@link #deleteAndGet}: find-and-modify, find-and-delete. One atomic step decides
 * which of concurrent callers wins: a refresh rotation, a one-time token used once, a change of roles that would
 * leave no admin.</li>
 * <li>{@link #upsert}: create-or-change in one step (an enrolment, a remembered address).</li>
 * <li>{@link #insertAll}: many entities in one command; JNoSQL inserts a list one document (one acknowledged
 * write) at a time, and the security events are written in batches.</li>
 * <li>{@link #findFields}, {@link #updateAndGetFields}: projections on measured hot paths (the claims of a new
 * access token, never the password hash; a rotation's family, its few fields mapped by the store itself).</li>
 * <li>{@link #index}, {@link #expiryIndex}: Jakarta NoSQL has no schema operations; unique and TTL indexes keep
 * emails unique and make documents expire (the embedded store's sweep honours the TTL indexes as MongoDB does).</li>
 * </ul>
 */
public class DriverCalls {

    private final MongoDatabase database;
    private final EntityConverter converter;
    private final Map<String, String> collections;

    /**
     * @param collections the configured collection of an entity whose {@code @Entity} name is not where it lives
     */
    public DriverCalls(MongoDatabase database, EntityConverter converter, Map<String, String> collections) {
        this.database = database;
        this.converter = converter;
        this.collections = Map.copyOf(collections);
    }

    /** For CDI's proxy only. */
    protected DriverCalls() {
        this(null, null, Map.of());
    }

    /** Sets fields of the one document that matches, if one does: true when one matched. */
    public boolean updateWhere(Class<?> entity, Bson filter, Bson update) {
        return collection(entity).updateOne(filter, update).getMatchedCount() > 0;
    }

    /** Sets fields of every document that matches: how many matched. */
    public long updateAllWhere(Class<?> entity, Bson filter, Bson update) {
        return collection(entity).updateMany(filter, update).getMatchedCount();
    }

    /** Inserts these entities (of one class) in one command. */
    public void insertAll(Class<?> entity, List<?> entities) {
        if (entities.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(entities.size());
        for (Object each : entities) {
            documents.add(document(converter.toCommunication(each).elements()));
        }
        collection(entity).insertMany(documents);
    }

    /** Sets fields of the document that matches, creating it from the filter's equalities when none does. */
    public void upsert(Class<?> entity, Bson filter, Bson update) {
        collection(entity).updateOne(filter, update, new UpdateOptions().upsert(true));
    }

    /**
     * Changes the one document that matches, if one does, and answers it as it was before the change (only
     * {@code fields} of it, when some are named); empty when none matched.
     */
    public <T> Optional<T> updateAndGetBefore(Class<T> entity, Bson filter, Bson update, String... fields) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
        if (fields.length > 0) {
            options.projection(Projections.include(fields));
        }
        return Optional.ofNullable(collection(entity).findOneAndUpdate(filter, update, options))
                .map(d -> toEntity(entity, d));
    }

    /**
     * As {@link #updateAndGetBefore} with {@code fields}, answering the stored values themselves (dates as
     * {@link java.util.Date}, numbers as stored) instead of the entity: for the one measured hot path that maps a
     * few fields by hand, the refresh rotation, where JNoSQL's mapping of the family cost about 30 µs a rotation
     * (measured with the C1-only JIT the server then ran; docs/PERFORMANCE.md, "One storage idiom").
     */
    public Optional<Map<String, Object>> updateAndGetFields(Class<?> entity, Bson filter, Bson update,
                                                            String... fields) {
        return Optional.ofNullable(collection(entity).findOneAndUpdate(filter, update, new FindOneAndUpdateOptions()
                .returnDocument(ReturnDocument.BEFORE).projection(Projections.include(fields))));
    }

    /** Deletes the one document that matches, if one does, and answers it. */
    public <T> Optional<T> deleteAndGet(Class<T> entity, Bson filter) {
        return Optional.ofNullable(collection(entity).findOneAndDelete(filter)).map(d -> toEntity(entity, d));
    }

    /** The first document that matches, with only these fields read (the others are null or their default). */
    public <T> Optional<T> findFields(Class<T> entity, Bson filter, String... fields) {
        return Optional.ofNullable(collection(entity).find(filter).projection(Projections.include(fields)).first())
                .map(d -> toEntity(entity, d));
    }

    /** An index on these fields, ascending; a no-op when it exists. */
    public void index(Class<?> entity, String name, boolean unique, String... fields) {
        collection(entity).createIndex(Indexes.ascending(fields), new IndexOptions().name(name).unique(unique));
    }

    /** Documents whose {@code field} (a date) is {@code seconds} old go ({@link TtlIndex}). */
    public void expiryIndex(Class<?> entity, String name, String field, long seconds) {
        TtlIndex.ensure(collection(entity), name, field, seconds);
    }

    /** Where the entity's documents live. */
    public String collectionName(Class<?> entity) {
        Entity annotation = entity.getAnnotation(Entity.class);
        String name = annotation == null || annotation.value().isBlank() ? entity.getSimpleName() : annotation.value();
        return collections.getOrDefault(name, name);
    }

    private MongoCollection<Document> collection(Class<?> entity) {
        return database.getCollection(collectionName(entity));
    }

    private <T> T toEntity(Class<T> entity, Document document) {
        return converter.toEntity(entity, CommunicationEntity.of(collectionName(entity), elements(document)));
    }

    private static Document document(List<Element> elements) {
        Document document = new Document();
        for (Element element : elements) {
            Object value = element.get();
            document.append(element.name(), value instanceof List<?> list && !list.isEmpty()
                    && list.stream().allMatch(Element.class::isInstance) ? document(list.stream().map(Element.class::cast)
                    .toList()) : value);
        }
        return document;
    }

    private static List<Element> elements(Map<String, Object> document) {
        List<Element> elements = new ArrayList<>(document.size());
        document.forEach((name, value) -> elements.add(Element.of(name, value instanceof Document nested
                ? elements(nested) : value)));
        return elements;
    }
}
