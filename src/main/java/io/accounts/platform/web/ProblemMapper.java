package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import io.accounts.platform.Meters;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Maps {@link ApiException}, the services' one exception family, to problem+json with its headers. */
@Provider
public class ProblemMapper implements ExceptionMapper<ApiException> {

    @Inject
    MetricRegistry metrics;

    @Override
    public Response toResponse(ApiException e) {
        if (e.status() == 429) {
            Meters.register(() -> metrics.counter(Meters.described("accounts_throttle_rejections",
                    "requests answered 429 by a throttle"))).inc();
        }
        Response.ResponseBuilder response = Problem.of(e.type(), e.status(), e.getMessage(), e.errors()).toResponse();
        e.headers().forEach(response::header);
        return response.build();
    }
}
