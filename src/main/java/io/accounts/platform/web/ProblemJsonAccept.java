package io.accounts.platform.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;

/**
 * A client that accepts {@code application/problem+json} accepts JSON (the {@code +json} suffix, RFC 6839), so it is
 * answered as if it had said so. A client generated from the OpenAPI document asks for exactly the media types an
 * operation declares: for an operation whose success has no body (a {@code 201} with {@code Location}, a {@code 204})
 * that is only the problem+json of its errors, which the JSON resources would otherwise refuse with {@code 406}.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class ProblemJsonAccept implements ContainerRequestFilter {

    static final String PROBLEM = "application/problem+json";

    @Override
    public void filter(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        String widened = widened(accept);
        if (widened != null) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, widened);
        }
    }

    /** The Accept header with JSON added, or null when it needs nothing (no problem+json, or JSON already). */
    static String widened(String accept) {
        if (accept == null) {
            return null;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        if (!lower.contains(PROBLEM) || lower.contains("application/json") || lower.contains("*/*")
                || lower.contains("application/*")) {
            return null;
        }
        return accept + ", application/json";
    }
}
