package io.accounts.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** The {@link RequestFirewall} for requests to this service, before the router matches anything. */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class FirewallFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext context) {
        RequestFirewall.canonical(context.getUriInfo().getRequestUri().getRawPath());
    }
}
