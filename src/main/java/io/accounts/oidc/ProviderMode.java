package io.accounts.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.keys.JwtConfig;
import io.accounts.platform.ApiException;

/** The provider exists only with the service's key pairs: in HS256 mode its endpoints answer 404 (API.md). */
final class ProviderMode {

    private ProviderMode() {
    }

    static void require(JwtConfig jwt) {
        if (JWSAlgorithm.HS256.equals(jwt.algorithm())) {
            throw ApiException.notFound("There is no OpenID Connect provider in HS256 mode.");
        }
    }
}
