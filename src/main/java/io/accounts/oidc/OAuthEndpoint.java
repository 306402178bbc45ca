package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the token, revocation and introspection endpoints share: the form request as Nimbus oauth2-oidc-sdk parses
 * it, and errors as OAuth clients expect them (RFC 6749 5.2), with a Basic challenge when the client failed to
 * authenticate.
 */
final class OAuthEndpoint {

    private OAuthEndpoint() {
    }

    static HTTPRequest form(URI endpoint, String body, String authorization, String contentType)
            throws ParseException {
        HTTPRequest http = new HTTPRequest(HTTPRequest.Method.POST, endpoint);
        if (contentType != null) {
            http.setContentType(contentType);
        }
        http.setBody(body == null ? "" : body);
        if (authorization != null) {
            http.setAuthorization(authorization);
        }
        return http;
    }

    /** A request Nimbus could not parse, as the error it names ({@code invalid_request} when it names none). */
    static OAuthError malformed(ParseException malformed) {
        String code = malformed.getErrorObject() == null || malformed.getErrorObject().getCode() == null
                ? "invalid_request" : malformed.getErrorObject().getCode();
        return new OAuthError("invalid_client".equals(code) ? 401 : 400, code, malformed.getMessage());
    }

    /** What a client-authenticated endpoint answers for a form request: its answer, or its error as JSON. */
    static Response answer(URI endpoint, String body, String authorization, String contentType, Call call) {
        try {
            return call.answer(form(endpoint, body, authorization, contentType));
        } catch (ParseException malformed) {
            return error(malformed(malformed));
        } catch (OAuthError refused) {
            return error(refused);
        }
    }

    /** One endpoint's work on the parsed form. */
    @FunctionalInterface
    interface Call {
        Response answer(HTTPRequest form) throws ParseException;
    }

    static Response error(OAuthError refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.error());
        body.put("error_description", refused.getMessage());
        Response.ResponseBuilder answer = Response.status(refused.status()).entity(body);
        if (refused.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
        }
        return answer.build();
    }
}
