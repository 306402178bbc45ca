package io.accounts.policy;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.Path;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the JAX-RS resource classes as CDI discovers them, so the policy can prove at start-up that every
 * resource method is covered by a statement. Resources are therefore CDI beans (scoped).
 */
public class ResourceEndpoints implements Extension {

    private final List<Endpoint> endpoints = new ArrayList<>();

    <T> void collect(@Observes @WithAnnotations(Path.class) ProcessAnnotatedType<T> type) {
        Class<T> resource = type.getAnnotatedType().getJavaClass();
        if (resource.isAnnotationPresent(Path.class) && resource.getPackageName().startsWith("io.accounts")) {
            endpoints.addAll(Endpoint.of(resource));
        }
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }
}
