package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Reads a {@link JsonText}: one JSON object under the body limit, or 400; an empty body is none (null). */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
public class JsonTextReader implements MessageBodyReader<JsonText> {

    @Inject
    @ConfigProperty(name = "http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonText.class;
    }

    @Override
    public JsonText readFrom(Class<JsonText> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> headers, InputStream body) {
        return JsonBodies.read(body, maxBodyBytes, parser -> {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw ApiException.badRequest("The request body must be a JSON object.");
            }
            JsonText text = new JsonText(parser.getObject());
            if (parser.hasNext()) {
                throw ApiException.badRequest("The request body must be one JSON object.");
            }
            return text;
        });
    }
}
