package io.accounts.platform.web;

import io.accounts.platform.ApiException;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details as API.md shapes them: {@code message} repeats {@code detail} because the tutorial's
 * clients read {@code message}; {@code errors} maps a field to its messages and is left out when empty.
 */
public record Problem(String type, String title, int status, String detail, String message,
                      Map<String, List<String>> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    public static final String BLANK = ApiException.BLANK;

    public static Problem of(int status, String detail, Map<String, List<String>> errors) {
        return of(BLANK, status, detail, errors);
    }

    public static Problem of(String type, int status, String detail, Map<String, List<String>> errors) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        return new Problem(type, title, status, detail, detail, errors == null || errors.isEmpty() ? null : errors);
    }

    /** The problem as JSON, for code that answers outside JAX-RS (a servlet filter). */
    public String json() {
        JsonObjectBuilder json = Jsons.object().add("type", type).add("title", title).add("status", status)
                .add("detail", detail).add("message", message);
        if (errors != null) {
            JsonObjectBuilder fields = Jsons.object();
            errors.forEach((field, messages) -> fields.add(field, Jsons.array(messages)));
            json.add("errors", fields);
        }
        return json.build().toString();
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
