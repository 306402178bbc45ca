package io.accounts.auth;

/** The tokens a login or refresh answers; {@code refresh_token} is left out in the tutorial's mode. */
public record TokenPair(String token, String refreshToken, String tokenType, long expiresIn) {

    static TokenPair of(AccessTokens.IssuedToken access, String refreshToken) {
        return new TokenPair(access.token(), refreshToken, "Bearer", access.expiresIn());
    }
}
