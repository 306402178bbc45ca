package io.accounts.security;

import io.accounts.platform.Meters;
import io.accounts.platform.SensitiveChange;
import io.accounts.events.EventType;
import io.accounts.events.SecurityEvents;
import io.accounts.policy.Endpoint;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authorizer in front of every resource method: asks the {@link Authorizer} about the endpoint the router
 * matched (its verb and template with the decoded parameters), never about the request's own path string, so a
 * path the router reads one way cannot be judged another way. 401 and 403 come from there; a method marked
 * {@link SensitiveChange} also needs a recent sign-in ({@link FreshSignIn}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    Authorizer authorizer;

    @Inject
    SecurityEvents events;

    @Inject
    FreshSignIn freshSignIn;

    @Inject
    MetricRegistry metrics;

    private final Supplier<Timer> decisions = Meters.once(() -> metrics.timer(Meters.timer("accounts_authorization",
            "time the authorizer takes to decide a request")));

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        Optional<Endpoint> ours = Endpoint.of(method);
        if (ours.isEmpty()) {
            // the runtime's own handler, not a method of ours (Jersey answers OPTIONS with one): it serves no data
            return;
        }
        Endpoint endpoint = ours.get();
        MultivaluedMap<String, String> matched = context.getUriInfo().getPathParameters(true);
        Map<String, String> parameters = new HashMap<>(4);
        matched.forEach((name, values) -> parameters.put(name, values.get(values.size() - 1)));
        Authorizer.Verdict verdict;
        try (Timer.Context timed = decisions.get().time()) {
            verdict = authorizer.decide(endpoint.verb(), endpoint.path(parameters),
                    context.getHeaderString(HttpHeaders.AUTHORIZATION));
        }
        if (!verdict.allowed()) {
            events.record(EventType.ACCESS_DENIED, verdict.caller() == null ? null : verdict.caller().subject(),
                    Map.of("status", Integer.toString(verdict.refusal().status()), "endpoint", endpoint.toString()));
        }
        JwtPrincipal caller = verdict.orThrow();
        SensitiveChange sensitive = method.getAnnotation(SensitiveChange.class);
        if (sensitive != null && (!sensitive.ownAccountOnly()
                || caller != null && caller.subject().equalsIgnoreCase(parameters.get("id")))) {
            freshSignIn.require(caller);
        }
        if (caller != null) {
            boolean secure = context.getSecurityContext() != null && context.getSecurityContext().isSecure();
            context.setSecurityContext(new TokenSecurityContext(caller, secure));
        }
    }
}
