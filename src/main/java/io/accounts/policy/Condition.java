package io.accounts.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test of a statement's {@code Condition}: a key ({@code path:<parameter>} or {@code jwt:<claim>}) compared
 * with values that are literals or references ({@code ${jwt:sub}}, {@code ${path:id}}).
 * {@code StringEquals}, {@code StringEqualsIgnoreCase} and {@code StringNotEquals} compare a single value;
 * {@code ForAnyValue:StringEquals} holds when any value of a multi-valued key (such as {@code jwt:groups}) is listed.
 */
public record Condition(Operator operator, String key, List<String> values) {

    public enum Operator {
        STRING_EQUALS("StringEquals"), STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase"),
        STRING_NOT_EQUALS("StringNotEquals"), FOR_ANY_VALUE_STRING_EQUALS("ForAnyValue:StringEquals");

        final String json;

        Operator(String json) {
            this.json = json;
        }

        static Operator of(String json) {
            for (Operator operator : values()) {
                if (operator.json.equals(json)) {
                    return operator;
                }
            }
            return null;
        }
    }

    public boolean test(Map<String, String> path, Caller caller) {
        Collection<String> actual = resolve(key, path, caller);
        if (operator == Operator.STRING_NOT_EQUALS) {
            return values.stream().flatMap(v -> expand(v, path, caller).stream()).noneMatch(actual::contains);
        }
        if (actual.isEmpty() || (operator != Operator.FOR_ANY_VALUE_STRING_EQUALS && actual.size() != 1)) {
            return false;
        }
        for (String value : values) {
            for (String expected : expand(value, path, caller)) {
                for (String candidate : actual) {
                    if (operator == Operator.STRING_EQUALS_IGNORE_CASE
                            ? candidate.equalsIgnoreCase(expected) : candidate.equals(expected)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Collection<String> expand(String value, Map<String, String> path, Caller caller) {
        return value.startsWith("${") && value.endsWith("}")
                ? resolve(value.substring(2, value.length() - 1), path, caller) : Set.of(value);
    }

    /** The values of a key for this request: none when the parameter or claim is absent. */
    public static Collection<String> resolve(String key, Map<String, String> path, Caller caller) {
        if (key.startsWith("path:")) {
            String value = path.get(key.substring(5));
            return value == null ? Set.of() : Set.of(value);
        }
        if (caller == null) {
            return Set.of();
        }
        String claim = key.substring(4);
        Object value = "groups".equals(claim) ? caller.getGroups() : caller.getClaim(claim);
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return value == null ? Set.of() : Set.of(String.valueOf(value));
    }
}
