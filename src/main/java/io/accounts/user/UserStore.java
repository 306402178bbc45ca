package io.accounts.user;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * What the repository's derived queries cannot say: the indexes, keyset paging by id and the admin lookup.
 * Paging never uses {@code skip}: a page deep in the collection costs what the first one does.
 */
@ApplicationScoped
public class UserStore {

    @Inject
    DocumentTemplate template;

    @Inject
    MongoDatabase database;

    @Inject
    @ConfigProperty(name = "mongodb.collection", defaultValue = User.COLLECTION)
    String collection;

    /** Creates the unique index on the (lower-cased) email; a no-op when it exists. */
    public void createIndexes() {
        database.getCollection(collection).createIndex(Indexes.ascending("email"),
                new IndexOptions().unique(true).name("email_unique"));
        database.getCollection(collection).createIndex(Indexes.ascending("roles"),
                new IndexOptions().name("roles"));
    }

    /** Up to {@code limit} users with an id after {@code after} (null: from the start), by id. */
    public List<User> page(String after, int limit) {
        var query = template.select(User.class);
        var ordered = after == null ? query.orderBy("id").asc() : query.where("id").gt(after).orderBy("id").asc();
        return ordered.limit(limit).result();
    }

    public boolean anyWithRole(String role) {
        return template.select(User.class).where("roles").eq(role).limit(1).result().size() > 0;
    }

    public void replace(User user) {
        template.update(user);
    }

    /** Deletes the user; false when there was none. */
    public boolean delete(String id) {
        return template.find(User.class, id).map(user -> {
            template.delete(User.class, id);
            return true;
        }).orElse(false);
    }
}
