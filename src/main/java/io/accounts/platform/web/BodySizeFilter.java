package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared length is over {@code http.max-body-bytes} with 413 before anything reads it;
 * a body without a length is cut off at the limit by the JSON reader instead.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext context) {
        if (context.getLength() > maxBodyBytes) {
            throw ApiException.tooLarge("The request body exceeds " + maxBodyBytes + " bytes.");
        }
    }
}
