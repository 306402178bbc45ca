package io.accounts.recovery;

import io.accounts.passwords.NotCommonPassword;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the recovery endpoints. */
public final class RecoveryRequests {

    private RecoveryRequests() {
    }

    /** {@code POST /user/password-reset}. */
    public record ResetRequest(@NotBlank @Size(max = 254) @Email String email) {
    }

    /** {@code POST /user/password-reset/confirm}. */
    public record ResetConfirmation(@NotBlank @Size(max = 128) String token,
                                    @NotNull @Size(min = 8, max = 128) @NotCommonPassword String newPassword) {
    }

    /** {@code POST /user/email-change/revert}. */
    public record Revert(@NotBlank @Size(max = 128) String token) {
    }

    /** {@code POST /user/verify-email}. */
    public record Verification(@NotBlank @Size(max = 128) String token) {
    }
}
