package io.accounts.security;

/**
 * Checks a presented access token and answers its principal, or throws the 401 {@code ApiException};
 * the one place tokens are verified.
 */
public interface TokenVerifier {

    int MAX_TOKEN_CHARS = 8 * 1024;

    JwtPrincipal verify(String token);
}
