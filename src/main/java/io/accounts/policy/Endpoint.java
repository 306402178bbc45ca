package io.accounts.policy;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One resource method of the API as the policy sees it: its verb and path template, e.g. GET /user/{id}. */
public record Endpoint(String verb, String template) {

    private static final Map<Method, Optional<Endpoint>> BY_METHOD = new ConcurrentHashMap<>();

    /** The endpoints a resource class declares. */
    public static List<Endpoint> of(Class<?> resource) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            of(resource, method).ifPresent(endpoints::add);
        }
        return endpoints;
    }

    /**
     * The endpoint of a resource method the router matched, as its class declares it: read from the annotations
     * once per method (the authorizer and the access log ask on every request).
     */
    public static Optional<Endpoint> of(Method method) {
        return BY_METHOD.computeIfAbsent(method, m -> of(m.getDeclaringClass(), m));
    }

    /** The endpoint of one resource method, empty for a method that answers no HTTP verb. */
    public static Optional<Endpoint> of(Class<?> resource, Method method) {
        String base = resource.isAnnotationPresent(Path.class) ? resource.getAnnotation(Path.class).value() : "";
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                Path path = method.getAnnotation(Path.class);
                return Optional.of(new Endpoint(verb.value(), join(base, path == null ? "" : path.value())));
            }
        }
        return Optional.empty();
    }

    /** The concrete path this endpoint was matched with: each {name} replaced by its (decoded) value. */
    public String path(Map<String, String> parameters) {
        StringBuilder path = new StringBuilder(template.length() + 24);
        int at = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
            int close = template.indexOf('}', open);
            path.append(template, at, open);
            String name = template.substring(open + 1, close);
            int colon = name.indexOf(':');
            String value = parameters.get((colon < 0 ? name : name.substring(0, colon)).strip());
            if (value == null) {
                throw new IllegalStateException("no value for {" + name + "} of " + this);
            }
            path.append(value);
            at = close + 1;
        }
        return path.append(template, at, template.length()).toString();
    }

    static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    @Override
    public String toString() {
        return verb + " " + template;
    }
}
