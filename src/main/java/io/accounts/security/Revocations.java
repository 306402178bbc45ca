package io.accounts.security;

/** Whether an access token that verifies was revoked since it was issued; throws the 401 when it was. */
public interface Revocations {

    void check(JwtPrincipal principal);
}
