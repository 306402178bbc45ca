package io.accounts.auth;

import io.accounts.user.Emails;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /user/login}; sizes are bounded so no one hashes a megabyte. {@code otp}: a code of the
 * authenticator app or a recovery code, for accounts with a second factor.
 */
public record Credentials(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password,
                          @Size(max = 32) String otp) {

    public Credentials(String email, String password) {
        this(email, password, null);
    }


    public Credentials {
        email = Emails.normalize(email);
    }
}
