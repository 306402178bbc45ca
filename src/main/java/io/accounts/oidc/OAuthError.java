package io.accounts.oidc;

/**
 * An error of the token endpoint, as OAuth clients expect it (RFC 6749 5.2): {@code {"error","error_description"}}
 * with {@code 400}, or {@code 401} with a Basic challenge for a client that failed to authenticate.
 */
public final class OAuthError extends RuntimeException {

    private final String error;
    private final int status;

    OAuthError(String error, String description) {
        this(400, error, description);
    }

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description);
    }

    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "client authentication failed");
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }
}
