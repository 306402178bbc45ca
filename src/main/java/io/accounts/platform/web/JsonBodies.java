package io.accounts.platform.web;

import io.accounts.platform.ApiException;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * How the API's body readers read JSON: an empty body is none (null); a body is parsed as it streams in, cut off
 * with 413 past the limit; anything that is not valid JSON is a 400 naming where it broke.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    static <T> T read(InputStream body, long maxBodyBytes, Function<JsonParser, T> bind) {
        PushbackInputStream stream = new PushbackInputStream(body, 1);
        try {
            int first = stream.read();
            if (first < 0) {
                return null;
            }
            stream.unread(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonParser parser = Jsons.parser(new BodyLimit(stream, maxBodyBytes))) {
            return bind.apply(parser);
        } catch (JsonParsingException e) {
            throw ApiException.badRequest("The request body is not valid JSON (line "
                    + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ").");
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            throw ApiException.badRequest("The request body is not valid JSON.");
        }
    }
}
