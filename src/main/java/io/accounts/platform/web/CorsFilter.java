package io.accounts.platform.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the browser clients of {@code cors.allowed-origins} (exact {@code scheme://host[:port]} values): a
 * preflight from such an origin is answered 204 before the router and the authorizer (it carries no token), and
 * every answer to it names that origin; any other origin gets no CORS header. Never {@code *}, never credentials:
 * tokens travel in {@code Authorization}, not in cookies.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Authorization, Content-Type";
    static final String EXPOSED = "Location, Retry-After, WWW-Authenticate";
    static final String MAX_AGE = "600";

    @Inject
    @ConfigProperty(name = "cors.allowed-origins")
    Optional<String> configured;

    private Set<String> origins;

    @PostConstruct
    void init() {
        origins = Arrays.stream(configured.orElse("").split(",")).map(String::strip).filter(o -> !o.isEmpty())
                .map(CorsFilter::checked).collect(Collectors.toUnmodifiableSet());
    }

    /** An origin as browsers send it; anything else (a path, {@code *}, a trailing slash) stops the start-up. */
    static String checked(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cors.allowed-origins: not an origin: " + origin);
        }
        boolean exact = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!exact) {
            throw new IllegalArgumentException("cors.allowed-origins takes exact scheme://host[:port] values, not "
                    + origin);
        }
        return origin;
    }

    private boolean allowed(String origin) {
        return origin != null && origins.contains(origin);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (preflight && allowed(origin)) {
            request.abortWith(Response.noContent().header("Access-Control-Allow-Methods", METHODS)
                    .header("Access-Control-Allow-Headers", HEADERS).header("Access-Control-Max-Age", MAX_AGE)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (origins.isEmpty()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (allowed(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
        }
    }
}
