package io.accounts.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Signs with the ring's active key; the header names its {@code alg}, {@code kid} and {@code typ: JWT}. */
@ApplicationScoped
public class JwsTokenSigner implements TokenSigner {

    @Inject
    KeyRing keys;

    @Override
    public String sign(JWTClaimsSet claims) {
        SigningKey key = keys.active();
        JWSHeader header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.kid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer().orElseThrow(() -> new IllegalStateException("active key cannot sign")));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
