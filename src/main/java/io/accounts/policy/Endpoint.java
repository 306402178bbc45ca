package io.accounts.policy;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** One resource method of the API as the policy sees it: its verb and path template, e.g. GET /user/{id}. */
public record Endpoint(String verb, String template) {

    /** The endpoints a resource class declares. */
    public static List<Endpoint> of(Class<?> resource) {
        String base = resource.isAnnotationPresent(Path.class) ? resource.getAnnotation(Path.class).value() : "";
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (verb != null) {
                    Path path = method.getAnnotation(Path.class);
                    endpoints.add(new Endpoint(verb.value(), join(base, path == null ? "" : path.value())));
                }
            }
        }
        return endpoints;
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
