package io.accounts.oidc;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.accounts.platform.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who is calling the token, revocation or introspection endpoint: a confidential client by its secret
 * ({@code client_secret_basic} or {@code client_secret_post}, compared with the stored hash in constant time), a
 * public client by its id alone. Anything else is {@code invalid_client} (RFC 6749 5.2).
 */
@ApplicationScoped
public class ClientAuthenticator {

    @Inject
    ClientStore clients;

    /** The client a request authenticates as; a public client may name itself with {@code publicId}. */
    OAuthClient authenticate(ClientAuthentication authentication, ClientID publicId) {
        if (authentication instanceof PlainClientSecret secret) {
            OAuthClient client = clients.find(secret.getClientID().getValue()).orElseThrow(OAuthError::invalidClient);
            if (client.secretHash() == null || !MessageDigest.isEqual(
                    client.secretHash().getBytes(StandardCharsets.US_ASCII),
                    Digests.sha256Hex(secret.getClientSecret().getValue()).getBytes(StandardCharsets.US_ASCII))) {
                throw OAuthError.invalidClient();
            }
            return client;
        }
        if (authentication != null || publicId == null) {
            throw OAuthError.invalidClient();
        }
        OAuthClient client = clients.find(publicId.getValue()).orElseThrow(OAuthError::invalidClient);
        if (!OAuthClient.PUBLIC.equals(client.type())) {
            throw OAuthError.invalidClient();
        }
        return client;
    }

    /** A confidential client only (introspection: a public client has nothing to prove who it is). */
    OAuthClient authenticateConfidential(ClientAuthentication authentication) {
        if (!(authentication instanceof PlainClientSecret)) {
            throw OAuthError.invalidClient();
        }
        return authenticate(authentication, null);
    }
}
