package io.accounts.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /user/{id}}: every field required, as in the tutorial. */
public record UserUpdate(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Size(max = 254) @Email(regexp = UserData.EMAIL_DOMAIN_WITH_DOT) String email) {

    public UserUpdate {
        firstName = UserData.trim(firstName);
        lastName = UserData.trim(lastName);
        email = Emails.normalize(email);
    }
}
