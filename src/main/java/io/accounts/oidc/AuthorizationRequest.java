package io.accounts.oidc;

import java.util.Set;

/**
 * An authorization request that passed every check (API.md, {@code GET /oauth2/authorize}): the client, its exact
 * redirect URI, the scopes granted from those asked ({@code openid} among them), {@code state}, {@code nonce}, the
 * PKCE S256 challenge, {@code prompt} and {@code max_age} (null when not sent).
 */
public record AuthorizationRequest(OAuthClient client, String redirectUri, Set<String> scopes, String state,
                                   String nonce, String codeChallenge, String prompt, Long maxAge) {
}
