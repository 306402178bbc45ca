package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds one flat JSON object to a request record, strictly: every key must name a component (in snake_case,
 * or as its {@code @JsonbProperty} says),
 * every value must be a string (an array of strings for a {@code List} component, {@code true} or {@code false} for
 * a {@code Boolean} one) or null. Nested values
 * are skipped as a stream, never built, and every offending field is reported at once.
 */
final class RecordBinder<T extends Record> {

    private static final ClassValue<RecordBinder<?>> BINDERS = new ClassValue<>() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected RecordBinder<?> computeValue(Class<?> type) {
            return new RecordBinder(type);
        }
    };

    static final int MAX_SKIPPED_DEPTH = 64;

    private final Map<String, Integer> positions = new HashMap<>();
    private final boolean[] lists;
    private final boolean[] flags;
    private final Constructor<T> constructor;

    private RecordBinder(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        lists = new boolean[components.length];
        flags = new boolean[components.length];
        for (int i = 0; i < components.length; i++) {
            JsonbProperty named = components[i].getAccessor().getAnnotation(JsonbProperty.class);
            positions.put(named != null ? named.value() : Names.snake(components[i].getName()), i);
            types[i] = components[i].getType();
            lists[i] = List.class.equals(types[i]);
            flags[i] = Boolean.class.equals(types[i]);
        }
        try {
            constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no canonical constructor on " + type, e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Record> RecordBinder<T> of(Class<T> type) {
        return (RecordBinder<T>) BINDERS.get(type);
    }

    T bind(JsonParser parser) {
        if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        Object[] values = new Object[lists.length];
        boolean[] seen = new boolean[lists.length];
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String key = parser.getString();
            Event value = parser.next();
            Integer position = positions.get(key);
            String problem;
            if (position == null || seen[position]) {
                problem = position == null ? "unknown field" : "duplicate field";
                skip(parser, value);
            } else {
                problem = read(parser, value, position, values);
                seen[position] = true;
            }
            if (problem != null) {
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
            }
        }
        if (parser.hasNext()) {
            throw ApiException.badRequest("The request body must hold one JSON object only.");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The request is invalid.", errors);
        }
        return construct(values);
    }

    /**
     * Stores the value and answers null, or answers what is wrong with it; either way the parser is left after
     * the whole value (a strict parser refuses to skip what was already skipped).
     */
    private String read(JsonParser parser, Event value, int position, Object[] values) {
        if (value == Event.VALUE_NULL) {
            return null;
        }
        if (flags[position]) {
            if (value != Event.VALUE_TRUE && value != Event.VALUE_FALSE) {
                skip(parser, value);
                return "must be true or false";
            }
            values[position] = value == Event.VALUE_TRUE;
            return null;
        }
        if (!lists[position]) {
            if (value != Event.VALUE_STRING) {
                skip(parser, value);
                return "must be a string";
            }
            values[position] = parser.getString();
            return null;
        }
        if (value != Event.START_ARRAY) {
            skip(parser, value);
            return "must be an array of strings";
        }
        List<String> items = new ArrayList<>();
        for (Event item = parser.next(); item != Event.END_ARRAY; item = parser.next()) {
            if (item != Event.VALUE_STRING) {
                skip(parser, item);
                skipToEnd(parser);
                return "must be an array of strings";
            }
            items.add(parser.getString());
        }
        values[position] = items;
        return null;
    }

    /**
     * Passes over a value, counting nesting itself: JSON-P parsers disagree on where {@code skipArray} leaves them
     * (Payara's before the {@code END_ARRAY}, Liberty's after it).
     */
    private static void skip(JsonParser parser, Event value) {
        if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
            skipToEnd(parser);
        }
    }

    /**
     * Consumes events up to and including the end of the array or object the parser is inside; no request body of
     * this API nests, so anything deeper than {@link #MAX_SKIPPED_DEPTH} is refused before the parser's own limit.
     */
    private static void skipToEnd(JsonParser parser) {
        for (int depth = 1; depth > 0; ) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (++depth > MAX_SKIPPED_DEPTH) {
                    throw ApiException.badRequest("The request body is nested too deeply.");
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }

    private T construct(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
