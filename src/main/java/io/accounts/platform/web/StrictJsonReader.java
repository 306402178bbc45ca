package io.accounts.platform.web;


import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every request body of this API (a record of our packages) with {@link RecordBinder}, under a size
 * limit, instead of the lenient JSON-B default that ignores unknown fields and coerces numbers to strings. An
 * empty body is no record (null): the resource's {@code @NotNull} (or {@link ValidBodies}) refuses it where a body is required, and an
 * endpoint whose body is optional (a DELETE without one) gets null rather than a parse error.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
public class StrictJsonReader implements MessageBodyReader<Record> {

    @Inject
    @ConfigProperty(name = "http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getPackageName().startsWith("io.accounts");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        return JsonBodies.read(body, maxBodyBytes, parser -> RecordBinder.of((Class) type).bind(parser));
    }
}
