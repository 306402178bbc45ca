package io.accounts.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A refused authorization request whose client and redirect URI are known: the client hears it at its redirect URI
 * (RFC 6749 4.1.2.1), with {@code state} and the issuer (RFC 9207), never the person.
 */
public final class AuthorizationError extends RuntimeException {

    private final String redirectUri;
    private final String error;
    private final String state;

    AuthorizationError(String redirectUri, String error, String description, String state) {
        super(description, null, false, false);
        this.redirectUri = redirectUri;
        this.error = error;
        this.state = state;
    }

    /** Where the browser goes: the redirect URI with {@code error}, {@code error_description}, state and issuer. */
    public String location(String issuer) {
        StringBuilder target = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("error=").append(encode(error)).append("&error_description=").append(encode(getMessage()));
        if (state != null) {
            target.append("&state=").append(encode(state));
        }
        return target.append("&iss=").append(encode(issuer)).toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
