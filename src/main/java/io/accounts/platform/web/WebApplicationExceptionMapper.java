package io.accounts.platform.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The runtime's own errors (unknown path, wrong method or media type) in the same problem+json shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder response = Problem.of(status, detail(status), null).toResponse();
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource answers application/json only.";
            case 415 -> "The request body must be application/json.";
            case 400 -> "The request could not be read.";
            default -> Response.Status.Family.familyOf(status) == Response.Status.Family.SERVER_ERROR
                    ? "The server could not answer this request." : "The request was not accepted.";
        };
    }
}
