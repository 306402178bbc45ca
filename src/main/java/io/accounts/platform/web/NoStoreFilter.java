package io.accounts.platform.web;

import io.accounts.platform.NoStore;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/** {@code Cache-Control: no-store} on every answer of a {@link NoStore} method, errors included. */
@Provider
public class NoStoreFilter implements ContainerResponseFilter {

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && method.isAnnotationPresent(NoStore.class)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }
}
