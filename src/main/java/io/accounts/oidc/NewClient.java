package io.accounts.oidc;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of {@code POST /clients}: a name, {@code confidential} (a server-side application, which gets a secret)
 * or {@code public} (a browser or native application, which proves itself with PKCE alone), and the exact URIs it
 * may be sent back to after a sign-in and after a logout. {@code require_pkce} (default {@code true}) may be
 * {@code false} only for a confidential client whose library cannot send PKCE (Jakarta Security's OpenID Connect
 * mechanism is one): its requests must then carry a nonce, which RFC 9700 2.1.1 accepts instead.
 */
public record NewClient(@NotBlank @Size(max = 100) String clientName,
                        @NotNull @Pattern(regexp = "confidential|public") String type,
                        @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 2000) String> redirectUris,
                        @Size(max = 10) List<@NotBlank @Size(max = 2000) String> postLogoutRedirectUris,
                        Boolean requirePkce) {

    @Override
    public List<String> postLogoutRedirectUris() {
        return postLogoutRedirectUris == null ? List.of() : postLogoutRedirectUris;
    }
}
