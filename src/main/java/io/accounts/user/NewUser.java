package io.accounts.user;

import io.accounts.passwords.NotCommonPassword;
import io.accounts.security.Roles;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The body of {@code POST /user}: what a client may set about itself, and nothing else. */
public record NewUser(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 254) @Email(regexp = UserData.EMAIL_DOMAIN_WITH_DOT) String email,
        @NotNull @Size(min = 8, max = 128) @NotCommonPassword String password) {

    public NewUser {
        firstName = UserData.trim(firstName);
        lastName = UserData.trim(lastName);
        email = Emails.normalize(email);
    }

    User toEntity(String passwordHash, Instant now) {
        return new User(firstName, lastName, email, passwordHash, Roles.DEFAULT, now);
    }
}
