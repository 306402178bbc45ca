package io.accounts.security;

import io.accounts.platform.ApiException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before any decision, every path that different parsers could read differently (as Spring Security's
 * {@code StrictHttpFirewall} does): {@code ;} (matrix parameters, {@code ..;/}), {@code \}, percent-encoded
 * {@code / \ . ; %}, {@code .} and {@code ..} segments, empty segments ({@code //}), and besides those control
 * characters, raw non-ASCII bytes and percent-encodings that are not valid UTF-8 (overlong forms included). What
 * is left decodes one way only: {@link #canonical} is that decoding, without a trailing slash.
 */
public final class RequestFirewall {

    /** The problem type of every refusal, so clients and tests can tell it from a validation error. */
    public static final String REFUSED = "urn:accounts:problem:request-rejected";

    private RequestFirewall() {
    }

    /** The decoded path of a raw (still percent-encoded) absolute path, or 400 when it is ambiguous. */
    public static String canonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw refuse("The request path must be an absolute path.");
        }
        if (rawPath.contains("//")) {
            throw refuse("The request path must not contain empty segments.");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int value = i + 2 < rawPath.length() ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw refuse("The request path has a malformed percent-encoding.");
                }
                if (value == '/' || value == '\\' || value == '.' || value == ';' || value == '%') {
                    throw refuse("The request path must not percent-encode '/', '\\', '.', ';' or '%'.");
                }
                if (value < 0x20 || value == 0x7f) {
                    throw refuse("The request path must not encode control characters.");
                }
                bytes.write(value);
                i += 2;
            } else if (c == ';' || c == '\\' || c == '#') {
                throw refuse("The request path must not contain ';', '\\' or '#'.");
            } else if (c <= 0x20 || c >= 0x7f) {
                throw refuse("The request path must be printable ASCII; percent-encode other characters.");
            } else {
                bytes.write(c);
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw refuse("The request path must not contain '.' or '..' segments.");
            }
        }
        String path = decode(bytes.toByteArray());
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refuse("The request path is not valid UTF-8 once decoded.");
        }
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    private static ApiException refuse(String detail) {
        return ApiException.badRequest(detail).typed(REFUSED);
    }
}
