package io.accounts.gateway;

import io.accounts.policy.Condition;
import io.accounts.policy.Policy;
import io.accounts.policy.ResourcePattern;
import io.accounts.policy.Statement;
import io.accounts.security.JwtPrincipal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates the policy into the IAM statements API Gateway caches for one caller: for every statement about
 * this caller, its verbs on its resources as execute-api ARNs. A condition tying a path parameter to a claim
 * (the self rule) is resolved by putting the caller's claim into the path; conditions on claims alone are
 * evaluated now; an Allow whose condition cannot be resolved is left out, a Deny is kept with {@code *}.
 */
final class GatewayGrants {

    private GatewayGrants() {
    }

    /** The ARNs allowed and denied to this caller, in two sets. */
    record Grants(Set<String> allowed, Set<String> denied) {
    }

    /** Nothing granted: for a caller without a valid token. */
    static Grants none() {
        return new Grants(new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    static Grants of(Policy policy, JwtPrincipal caller, MethodArn arn) {
        Set<String> allowed = new LinkedHashSet<>();
        Set<String> denied = new LinkedHashSet<>();
        for (Statement statement : policy.statements()) {
            if (!statement.who().matches(caller)) {
                continue;
            }
            Map<String, String> bindings = new HashMap<>();
            boolean resolved = resolve(statement, caller, bindings);
            if (!resolved && statement.allow()) {
                continue;
            }
            for (String verb : statement.actions()) {
                for (ResourcePattern resource : statement.resources()) {
                    (statement.allow() ? allowed : denied).add(arn.resource(verb, resource.render(bindings)));
                }
            }
        }
        return new Grants(allowed, denied);
    }

    /** Fills the parameters the conditions pin to the caller's claims; false when a condition does not hold. */
    private static boolean resolve(Statement statement, JwtPrincipal caller, Map<String, String> bindings) {
        for (Condition condition : statement.conditions()) {
            boolean pinsParameter = condition.key().startsWith("path:") && condition.values().size() == 1
                    && condition.operator() != Condition.Operator.STRING_NOT_EQUALS
                    && condition.values().get(0).startsWith("${jwt:");
            if (pinsParameter) {
                String claim = condition.values().get(0);
                Collection<String> value = Condition.resolve(claim.substring(2, claim.length() - 1), Map.of(), caller);
                if (value.size() != 1) {
                    return false;
                }
                bindings.put(condition.key().substring(5), value.iterator().next());
            } else if (condition.key().startsWith("path:") || !condition.test(Map.of(), caller)) {
                return false;
            }
        }
        return true;
    }

    static List<String> list(Set<String> arns) {
        return new ArrayList<>(arns);
    }
}
