package io.accounts.oidc;

import io.accounts.platform.store.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.time.Instant;

import static io.accounts.platform.store.DocumentFields.EXPIRES_AT;

/**
 * An authorization code as stored in {@code oauth_codes} (RFC 9700, 4.5 and 2.1.1): its SHA-256 (never the code),
 * and what it is bound to: the client, the exact redirect URI, the PKCE challenge (S256), the nonce and scope of the
 * request, the user and the page's session that signed in, that sign-in's time; when it expires (60 s, a TTL index
 * removes it), whether it was used, and the refresh family its use issued (a second use revokes it).
 */
@Entity(AuthorizationCode.COLLECTION)
public record AuthorizationCode(@Id String hash, @Column(AuthorizationCode.CLIENT) String clientId,
                                @Column(AuthorizationCode.REDIRECT_URI) String redirectUri,
                                @Column(AuthorizationCode.CHALLENGE) String codeChallenge,
                                @Column(AuthorizationCode.NONCE) String nonce,
                                @Column(AuthorizationCode.SCOPE) String scope,
                                @Column(AuthorizationCode.USER) String userId,
                                @Column(AuthorizationCode.SESSION) String sessionId,
                                @Column(AuthorizationCode.AUTH_TIME) @Convert(InstantAsDate.class) Instant authTime,
                                @Column(EXPIRES_AT) @Convert(InstantAsDate.class) Instant expiresAt,
                                @Column(AuthorizationCode.USED) Boolean used,
                                @Column(AuthorizationCode.FAMILY) String issuedFamily) {

    static final String COLLECTION = "oauth_codes";
    static final String CLIENT = "client";
    static final String REDIRECT_URI = "redirect_uri";
    static final String CHALLENGE = "code_challenge";
    static final String NONCE = "nonce";
    static final String SCOPE = "scope";
    static final String USER = "user";
    static final String SESSION = "session";
    static final String AUTH_TIME = "auth_time";
    static final String USED = "used";
    static final String FAMILY = "family";
}
