package io.accounts.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;

/**
 * The policy read from the resource methods: {@code @PermitAll} is open to anyone, {@code @RolesAllowed} needs a
 * role, {@link SelfOrRolesAllowed} the caller's own id or a role, {@code @DenyAll} nobody, and a method with none
 * of them any authenticated caller. Each method's rule is compiled once.
 */
@ApplicationScoped
public class AnnotationAccessPolicy implements AccessPolicy {

    private final ConcurrentMap<Method, BiPredicate<Request, JwtPrincipal>> rules = new ConcurrentHashMap<>();

    @Override
    public Decision decide(Request request, JwtPrincipal caller) {
        boolean allowed = rules.computeIfAbsent(request.resourceMethod(), AnnotationAccessPolicy::compile)
                .test(request, caller);
        return allowed ? Decision.ALLOW : Decision.DENY;
    }

    static BiPredicate<Request, JwtPrincipal> compile(Method method) {
        if (method.isAnnotationPresent(DenyAll.class)) {
            return (request, caller) -> false;
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return (request, caller) -> true;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            Set<String> allowed = Set.of(roles.value());
            return (request, caller) -> caller != null && hasAny(caller, allowed);
        }
        SelfOrRolesAllowed self = method.getAnnotation(SelfOrRolesAllowed.class);
        if (self != null) {
            Set<String> allowed = Set.of(self.value());
            String param = self.param();
            return (request, caller) -> caller != null && (hasAny(caller, allowed)
                    || caller.subject().equalsIgnoreCase(request.pathParameters().get(param)));
        }
        return (request, caller) -> caller != null;
    }

    private static boolean hasAny(JwtPrincipal caller, Set<String> roles) {
        for (String group : caller.getGroups()) {
            if (roles.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
