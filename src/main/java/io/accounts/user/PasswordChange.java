package io.accounts.user;

import io.accounts.passwords.NotCommonPassword;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /user/{id}/password}: the current password is needed when users change their own. */
public record PasswordChange(@Size(max = 128) String currentPassword,
                             @NotNull @Size(min = 8, max = 128) @NotCommonPassword String newPassword) {
}
