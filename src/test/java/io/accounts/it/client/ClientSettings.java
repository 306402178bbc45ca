package io.accounts.it.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.OpenIdProviderMetadata;

/**
 * The test client application (a WAR of its own, deployed beside the service on the same server): a Jakarta
 * Security OpenID Connect client of the service, configured the way an application team would, with the provider
 * URI, client id and secret from a bean. The test registers the client through the service's admin API and hands
 * the values over ({@link SetupServlet}) before the first protected request, when the mechanism reads them. The
 * test servers' issuer is a name that does not resolve, so the endpoints are named at the address the application
 * reaches the service by (what an application does whose provider sits behind a gateway); the issuer stays the
 * tokens' {@code iss}.
 */
@Named("oidcClient")
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${oidcClient.providerUri}",
        providerMetadata = @OpenIdProviderMetadata(
                issuer = "${oidcClient.issuer}",
                authorizationEndpoint = "${oidcClient.authorizationEndpoint}",
                tokenEndpoint = "${oidcClient.tokenEndpoint}",
                userinfoEndpoint = "${oidcClient.userinfoEndpoint}",
                endSessionEndpoint = "${oidcClient.endSessionEndpoint}",
                jwksURI = "${oidcClient.jwksUri}",
                idTokenSigningAlgorithmsSupported = "ES256,RS256"),
        clientId = "${oidcClient.clientId}",
        clientSecret = "${oidcClient.clientSecret}",
        redirectURI = "${baseURL}/callback",
        scope = {"openid", "email", "profile"},
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "sub"),
        jwksConnectTimeout = 5000,
        jwksReadTimeout = 5000,
        logout = @LogoutDefinition(notifyProvider = true, redirectURI = "${oidcClient.signedOutUri}"))
public class ClientSettings {

    private volatile String providerUri = "";
    private volatile String signedOutUri = "";
    private volatile String issuer = "";
    private volatile String clientId = "";
    private volatile String clientSecret = "";

    public String getProviderUri() {
        return providerUri;
    }

    public String getSignedOutUri() {
        return signedOutUri;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getAuthorizationEndpoint() {
        return providerUri + "/oauth2/authorize";
    }

    public String getTokenEndpoint() {
        return providerUri + "/oauth2/token";
    }

    public String getUserinfoEndpoint() {
        return providerUri + "/oauth2/userinfo";
    }

    public String getEndSessionEndpoint() {
        return providerUri + "/oauth2/logout";
    }

    public String getJwksUri() {
        return providerUri + "/.well-known/jwks.json";
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    void set(String providerUri, String issuer, String clientId, String clientSecret, String signedOutUri) {
        this.providerUri = providerUri;
        this.signedOutUri = signedOutUri;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }
}
