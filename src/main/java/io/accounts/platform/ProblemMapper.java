package io.accounts.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Maps {@link ApiException}, the services' one exception family, to problem+json with its headers. */
@Provider
public class ProblemMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response.ResponseBuilder response = Problem.of(e.type(), e.status(), e.getMessage(), e.errors()).toResponse();
        e.headers().forEach(response::header);
        return response.build();
    }
}
