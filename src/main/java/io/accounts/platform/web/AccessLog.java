package io.accounts.platform.web;

import io.accounts.policy.Endpoint;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON line per request of the API in the log {@code io.accounts.access}: method, path template (never the
 * path with its ids, never a query or a token), status, duration, and the caller's user id when a token was
 * accepted. Machines read these lines; the server's own log carries them.
 */
@Provider
@PreMatching
public class AccessLog implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger("io.accounts.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Object started = request.getProperty(STARTED);
        double millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1e6 : -1;
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        String template = method == null ? "(unmatched)" : Endpoint.of(method)
                .map(Endpoint::template).orElse("(unmatched)");
        JsonObjectBuilder line = Jsons.object().add("method", request.getMethod()).add("path", template)
                .add("status", response.getStatus()).add("duration_ms", Math.round(millis * 100) / 100.0);
        Principal caller = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (caller instanceof JsonWebToken token && token.getSubject() != null) {
            line.add("user_id", token.getSubject());
        }
        LOG.info(line.build().toString());
    }
}
