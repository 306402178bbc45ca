package io.accounts.oidc;

import java.time.Instant;
import java.util.List;

/** A client as admins see it; {@code client_secret} only in the answer that registered it, never its hash. */
public record ClientView(String clientId, String clientSecret, String clientName, String type,
                         List<String> redirectUris, List<String> postLogoutRedirectUris, boolean requirePkce,
                         Instant createdAt) {

    static ClientView of(OAuthClient client, String secret) {
        return new ClientView(client.clientId(), secret, client.name(), client.type(), client.redirectUris(),
                client.postLogoutRedirectUris(), client.pkceRequired(), client.createdAt());
    }
}
