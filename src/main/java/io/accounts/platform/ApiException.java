package io.accounts.platform;

import java.util.List;
import java.util.Map;

/**
 * The one unchecked exception the services throw for anything a client did or may retry; the web side's
 * {@code ProblemMapper} turns it into RFC 9457 problem+json. Headers carry {@code WWW-Authenticate} and {@code Retry-After}.
 */
public class ApiException extends RuntimeException {

    /** The problem type of a failure that needs no other name than its status (RFC 9457). */
    public static final String BLANK = "about:blank";

    private final int status;
    private final String type;
    private final Map<String, List<String>> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String detail, Map<String, List<String>> errors, Map<String, String> headers) {
        this(status, BLANK, detail, errors, headers);
    }

    private ApiException(int status, String type, String detail, Map<String, List<String>> errors,
                         Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.errors = errors == null ? null : Map.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The same failure with a problem {@code type} a client can tell apart, e.g. {@code urn:accounts:problem:...}. */
    public ApiException typed(String problemType) {
        return new ApiException(status, problemType, getMessage(), errors, headers);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail, null, null);
    }

    public static ApiException invalid(String detail, Map<String, List<String>> errors) {
        return new ApiException(400, detail, errors, null);
    }

    public static ApiException invalidField(String field, String message) {
        return invalid("The request is invalid.", Map.of(field, List.of(message)));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail, null, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail, null, null);
    }

    /** 401 for a request that carried no credentials: RFC 6750 says no error attribute then. */
    public static ApiException unauthenticated(String detail) {
        return new ApiException(401, detail, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** 401 for a token that was presented but is not acceptable. */
    public static ApiException invalidToken(String detail) {
        return new ApiException(401, detail, null,
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    public static ApiException tooLarge(String detail) {
        return new ApiException(413, detail, null, null);
    }

    public static ApiException unavailable(String detail, long retryAfterSeconds) {
        return new ApiException(503, detail, null,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, detail, null,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
