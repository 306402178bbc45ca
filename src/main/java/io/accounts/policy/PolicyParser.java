package io.accounts.policy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a policy document. Any mistake (a malformed statement, an unknown verb, role, operator or
 * key, a condition on a parameter its resource does not have) is an {@link PolicyException} naming the statement.
 */
public final class PolicyParser {

    static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "*");
    private static final Set<String> KEYS = Set.of("Sid", "Effect", "Principal", "Action", "Resource", "Condition");

    private final Set<String> knownRoles;

    public PolicyParser(Set<String> knownRoles) {
        this.knownRoles = Set.copyOf(knownRoles);
    }

    public Policy parse(JsonObject document) {
        JsonValue version = document.get("Version");
        if (version != null && !(version instanceof JsonString v && v.getString().equals("2012-10-17"))) {
            throw new PolicyException("the policy Version must be \"2012-10-17\"");
        }
        if (!(document.get("Statement") instanceof JsonArray array) || array.isEmpty()) {
            throw new PolicyException("the policy needs a non-empty \"Statement\" array");
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject object)) {
                throw new PolicyException("statement " + (i + 1) + " is not a JSON object");
            }
            String sid = object.get("Sid") instanceof JsonString s ? s.getString() : null;
            String name = "statement " + (i + 1) + (sid == null ? "" : " (Sid \"" + sid + "\")");
            try {
                statements.add(statement(object, sid));
            } catch (PolicyException | IllegalArgumentException e) {
                throw new PolicyException("policy " + name + ": " + e.getMessage());
            }
        }
        return new Policy(List.copyOf(statements));
    }

    private Statement statement(JsonObject object, String sid) {
        for (String key : object.keySet()) {
            if (!KEYS.contains(key)) {
                throw new PolicyException("unknown field \"" + key + "\"");
            }
        }
        String effect = text(object, "Effect");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new PolicyException("Effect must be Allow or Deny, was \"" + effect + "\"");
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String action : texts(object, "Action")) {
            if (!VERBS.contains(action)) {
                throw new PolicyException("Action \"" + action + "\" is not an HTTP verb or *");
            }
            actions.add(action);
        }
        List<ResourcePattern> resources = texts(object, "Resource").stream().map(ResourcePattern::compile).toList();
        List<Condition> conditions = conditions(object.get("Condition"), resources);
        return new Statement(sid, effect.equals("Allow"), who(object.get("Principal")), Set.copyOf(actions),
                resources, conditions);
    }

    private Who who(JsonValue principal) {
        if (principal instanceof JsonString s && s.getString().equals("*")) {
            return Who.ANYONE;
        }
        if (principal instanceof JsonString s && s.getString().equals("authenticated")) {
            return Who.AUTHENTICATED;
        }
        if (principal instanceof JsonObject object && object.keySet().equals(Set.of("Role"))) {
            return new Who(Who.Kind.ROLES, Set.copyOf(roles(texts(object, "Role"))));
        }
        throw new PolicyException("Principal must be \"*\", \"authenticated\" or {\"Role\": ...}");
    }

    private List<String> roles(List<String> roles) {
        for (String role : roles) {
            if (!knownRoles.contains(role)) {
                throw new PolicyException("unknown role \"" + role + "\"; known: " + knownRoles);
            }
        }
        return roles;
    }

    private List<Condition> conditions(JsonValue value, List<ResourcePattern> resources) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonObject operators) || operators.isEmpty()) {
            throw new PolicyException("Condition must be a non-empty object");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : operators.entrySet()) {
            Condition.Operator operator = Condition.Operator.of(entry.getKey());
            if (operator == null) {
                throw new PolicyException("unknown condition operator \"" + entry.getKey() + "\"");
            }
            if (!(entry.getValue() instanceof JsonObject tests) || tests.isEmpty()) {
                throw new PolicyException("condition " + entry.getKey() + " must map keys to values");
            }
            for (String key : tests.keySet()) {
                List<String> values = texts(tests, key);
                checkKey(key, resources);
                values.stream().filter(v -> v.startsWith("${")).forEach(v -> checkReference(v, resources));
                if (key.equals("jwt:groups")) {
                    roles(values.stream().filter(v -> !v.startsWith("${")).toList());
                }
                conditions.add(new Condition(operator, key, values));
            }
        }
        return List.copyOf(conditions);
    }

    private static void checkReference(String value, List<ResourcePattern> resources) {
        if (!value.endsWith("}")) {
            throw new PolicyException("a reference must look like ${jwt:claim} or ${path:parameter}: " + value);
        }
        checkKey(value.substring(2, value.length() - 1), resources);
    }

    private static void checkKey(String key, List<ResourcePattern> resources) {
        if (key.startsWith("jwt:") && key.length() > 4) {
            return;
        }
        if (key.startsWith("path:")) {
            String parameter = key.substring(5);
            for (ResourcePattern resource : resources) {
                if (!resource.parameters().contains(parameter)) {
                    throw new PolicyException("condition key " + key + " names a parameter that Resource "
                            + resource + " does not have");
                }
            }
            return;
        }
        throw new PolicyException("unknown condition key \"" + key + "\" (use path:<parameter> or jwt:<claim>)");
    }

    private static String text(JsonObject object, String field) {
        if (!(object.get(field) instanceof JsonString value) || value.getString().isBlank()) {
            throw new PolicyException(field + " must be a non-empty string");
        }
        return value.getString();
    }

    private static List<String> texts(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString single && !single.getString().isBlank()) {
            return List.of(single.getString());
        }
        if (value instanceof JsonArray many && !many.isEmpty()
                && many.stream().allMatch(v -> v instanceof JsonString s && !s.getString().isBlank())) {
            return many.getValuesAs(JsonString::getString);
        }
        throw new PolicyException(field + " must be a string or a non-empty array of strings");
    }
}
