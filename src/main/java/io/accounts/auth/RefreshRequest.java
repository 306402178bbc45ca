package io.accounts.auth;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /user/refresh-token}: a {@code refresh_token} to rotate, or, in the tutorial's mode,
 * the unexpired access {@code token} (also sent in {@code Authorization}).
 */
public record RefreshRequest(@Size(max = 8192) String token, @Size(max = 512) String refreshToken) {

    @AssertTrue(message = "exactly one of token and refresh_token is required")
    boolean isOneOfBoth() {
        return (token == null) != (refreshToken == null);
    }
}
