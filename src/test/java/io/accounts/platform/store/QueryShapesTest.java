package io.accounts.platform.store;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Only an $and whose conditions name distinct fields, none an operator, is merged; anything else is kept. */
class QueryShapesTest {

    @Test
    void distinctFieldsAreMergedNestedAndsToo() {
        Document query = new Document("$and", List.of(new Document("_id", "f1"),
                new Document("$and", List.of(new Document("state", "active"),
                        new Document("expires_at", new Document("$gt", 5))))));
        assertEquals(new Document("_id", "f1").append("state", "active")
                .append("expires_at", new Document("$gt", 5)), QueryShapes.flat(query));
    }

    @Test
    void aRepeatedFieldOrAnOperatorLeavesTheQueryAsItIs() {
        Document repeated = new Document("$and", List.of(new Document("n", new Document("$gt", 1)),
                new Document("n", new Document("$lt", 5))));
        assertSame(repeated, QueryShapes.flat(repeated));
        Document or = new Document("$and", List.of(new Document("_id", "x"),
                new Document("$or", List.of(new Document("a", 1), new Document("b", 2)))));
        assertSame(or, QueryShapes.flat(or));
        Document plain = new Document("_id", "x");
        assertSame(plain, QueryShapes.flat(plain));
    }

    @Test
    void theQueriesOfEachCommandAreFlattened() {
        Document update = new Document("update", "families").append("updates", List.of(
                new Document("q", new Document("$and", List.of(new Document("_id", 1), new Document("s", 2))))));
        QueryShapes.flatten("update", update);
        assertEquals(new Document("_id", 1).append("s", 2), ((Document) ((List<?>) update.get("updates")).get(0)).get("q"));
        Document modify = new Document("findAndModify", "families")
                .append("query", new Document("$and", List.of(new Document("_id", 1), new Document("s", 2))));
        QueryShapes.flatten("findandmodify", modify);
        assertEquals(new Document("_id", 1).append("s", 2), modify.get("query"));
    }
}
