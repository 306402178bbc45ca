package io.accounts.oidc;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;
import java.util.List;

/**
 * A registered application as stored in {@code oauth_clients}: its id, name and type ({@code confidential} or
 * {@code public}), the SHA-256 of its secret (confidential clients only; the secret itself is shown once), the exact
 * redirect URIs and post-logout redirect URIs it may use (none stored when none: JNoSQL writes an empty list as an
 * embedded document), when it was registered, and {@code require_pkce: false} for a confidential client whose
 * library cannot send PKCE (it must then send an OpenID Connect nonce, RFC 9700 2.1.1).
 */
@Entity(OAuthClient.COLLECTION)
public record OAuthClient(@Id String clientId, @Column(OAuthClient.NAME) String name,
                          @Column(OAuthClient.TYPE) String type, @Column(OAuthClient.SECRET_HASH) String secretHash,
                          @Column(OAuthClient.REDIRECT_URIS) List<String> redirectUris,
                          @Column(OAuthClient.POST_LOGOUT_REDIRECT_URIS) List<String> postLogoutRedirectUris,
                          @Column(OAuthClient.CREATED_AT) @Convert(InstantAsDate.class) Instant createdAt,
                          @Column(OAuthClient.REQUIRE_PKCE) Boolean requirePkce) {

    static final String COLLECTION = "oauth_clients";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String SECRET_HASH = "secret_hash";
    static final String REDIRECT_URIS = "redirect_uris";
    static final String POST_LOGOUT_REDIRECT_URIS = "post_logout_redirect_uris";
    static final String CREATED_AT = "created_at";
    static final String REQUIRE_PKCE = "require_pkce";

    static final String CONFIDENTIAL = "confidential";
    static final String PUBLIC = "public";

    /** PKCE unless the client was registered without it (a confidential client only; null: required). */
    boolean pkceRequired() {
        return !Boolean.FALSE.equals(requirePkce);
    }

    @Override
    public List<String> redirectUris() {
        return redirectUris == null ? List.of() : redirectUris;
    }

    @Override
    public List<String> postLogoutRedirectUris() {
        return postLogoutRedirectUris == null ? List.of() : postLogoutRedirectUris;
    }
}
