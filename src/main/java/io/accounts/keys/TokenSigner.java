package io.accounts.keys;

import com.nimbusds.jwt.JWTClaimsSet;

/** Turns claims into a compact JWS with the active key; the one place tokens are signed. */
public interface TokenSigner {

    String sign(JWTClaimsSet claims);
}
