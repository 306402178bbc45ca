package io.accounts.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One compiled statement: effect, principal, verbs ({@code *} for any), path patterns and conditions. */
public record Statement(String sid, boolean allow, Who who, Set<String> actions, List<ResourcePattern> resources,
                        List<Condition> conditions) {

    public boolean coversVerb(String verb) {
        return actions.contains("*") || actions.contains(verb);
    }

    /** True when this statement speaks about this request by this caller. */
    public boolean applies(String verb, String path, Caller caller) {
        if (!who.matches(caller) || !coversVerb(verb)) {
            return false;
        }
        for (ResourcePattern resource : resources) {
            Optional<Map<String, String>> bindings = resource.match(path);
            if (bindings.isPresent() && conditions.stream().allMatch(c -> c.test(bindings.get(), caller))) {
                return true;
            }
        }
        return false;
    }
}
