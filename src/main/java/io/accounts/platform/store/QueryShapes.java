package io.accounts.platform.store;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * Puts a query in the shape mongo-java-server can answer from an index. The MongoDB driver writes
 * {@code Filters.and(eq("_id", x), eq("state", y))} as {@code {$and: [{_id: x}, {state: y}]}}; MongoDB uses the
 * {@code _id} index for it, mongo-java-server looks for indexed fields only at the top of the query and scans the
 * collection (a refresh rotation scanned every family). The same query with its conditions side by side,
 * {@code {_id: x, state: y}}, means the same when no field repeats and no condition is an operator of its own
 * ({@code $or}, ...); otherwise the query is left as it is.
 */
final class QueryShapes {

    private QueryShapes() {
    }

    /** Flattens the queries of a command in place: find, count, distinct, findAndModify, update, delete. */
    static void flatten(String command, Document body) {
        switch (command) {
            case "find" -> replace(body, "filter");
            case "count", "distinct", "findandmodify" -> replace(body, "query");
            case "update" -> each(body.get("updates"));
            case "delete" -> each(body.get("deletes"));
            default -> {
            }
        }
    }

    private static void each(Object statements) {
        if (statements instanceof List<?> list) {
            for (Object statement : list) {
                if (statement instanceof Document document) {
                    replace(document, "q");
                }
            }
        }
    }

    private static void replace(Document holder, String key) {
        if (holder.get(key) instanceof Document query) {
            holder.put(key, flat(query));
        }
    }

    /** The query with its top-level {@code $and} merged into it, or the query itself when that would change it. */
    static Document flat(Document query) {
        if (!(query.get("$and") instanceof List<?> parts)) {
            return query;
        }
        Document merged = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (!entry.getKey().equals("$and")) {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        for (Object part : parts) {
            if (!(part instanceof Document condition)) {
                return query;
            }
            for (Map.Entry<String, Object> entry : flat(condition).entrySet()) {
                if (entry.getKey().startsWith("$") || merged.containsKey(entry.getKey())) {
                    return query;
                }
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }
}
