package io.accounts.totp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The bodies of the TOTP endpoints. */
public final class TotpRequests {

    private TotpRequests() {
    }

    /** {@code POST /user/{id}/totp/confirm}: a 6-digit code. */
    public record Code(@NotBlank @Size(max = 32) String code) {
    }

    /** {@code DELETE /user/{id}/totp}: a code or the current password, when users remove their own. */
    public record Removal(@Size(max = 32) String code, @Size(max = 128) String currentPassword) {
    }
}
