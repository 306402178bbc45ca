package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import io.accounts.platform.Meters;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.function.Supplier;

/** Maps {@link ApiException}, the services' one exception family, to problem+json with its headers. */
@Provider
public class ProblemMapper implements ExceptionMapper<ApiException> {

    @Inject
    MetricRegistry metrics;

    private final Supplier<Counter> throttled = Meters.once(() -> metrics.counter(Meters.described(
            "accounts_throttle_rejections", "requests answered 429 by a throttle")));

    @Override
    public Response toResponse(ApiException e) {
        if (e.status() == 429) {
            throttled.get().inc();
        }
        Response.ResponseBuilder response = Problem.of(e.type(), e.status(), e.getMessage(), e.errors()).toResponse();
        e.headers().forEach(response::header);
        return response.build();
    }
}
