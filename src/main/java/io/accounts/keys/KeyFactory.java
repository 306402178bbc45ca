package io.accounts.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** Makes keys: new P-256 or RSA-2048 pairs (kid = RFC 7638 thumbprint), stored ones, and the HS256 secret. */
final class KeyFactory {

    private KeyFactory() {
    }

    /** A new private JWK for the algorithm, as JSON. */
    static String generate(JWSAlgorithm algorithm) {
        try {
            JWK key = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                    .keyIDFromThumbprint(true).generate()
                    : new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(algorithm)
                    .keyIDFromThumbprint(true).generate();
            return key.toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    static String kidOf(String privateJwk) {
        return parse(privateJwk, null).getKeyID();
    }

    /** The public half of a private JWK, as JSON. */
    static String publicOf(String privateJwk) {
        return parse(privateJwk, null).toPublicJWK().toJSONString();
    }

    /**
     * A stored JWK whose kid is its RFC 7638 thumbprint, as every key this service makes: key material under
     * another id is refused, whatever the database says.
     */
    private static JWK parse(String json, String kid) {
        try {
            JWK jwk = JWK.parse(json);
            if (kid != null && !(kid.equals(jwk.getKeyID()) && kid.equals(jwk.computeThumbprint().toString()))) {
                throw new IllegalStateException("the key material stored under kid " + kid + " is another key's");
            }
            return jwk;
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("a stored signing key is not a JWK", e);
        }
    }

    /**
     * A key that only verifies, from a stored public JWK: a retiring key, whose private part is gone. Its JCA work
     * is done by {@code provider} (empty: the JDK's), see {@link CryptoProvider}.
     */
    static SigningKey fromPublicJwk(String kid, String json, Instant notAfter, Optional<Provider> provider) {
        try {
            JWK jwk = parse(json, kid);
            if (jwk instanceof ECKey ec) {
                return new SigningKey(kid, JWSAlgorithm.ES256, Optional.empty(),
                        with(provider, new ECDSAVerifier(ec.toPublicJWK())), Optional.of(ec.toPublicJWK()), notAfter);
            }
            if (jwk instanceof RSAKey rsa) {
                return new SigningKey(kid, JWSAlgorithm.RS256, Optional.empty(),
                        with(provider, new RSASSAVerifier(rsa.toPublicJWK())), Optional.of(rsa.toPublicJWK()), notAfter);
            }
            throw new IllegalStateException("a stored signing key is neither EC nor RSA");
        } catch (JOSEException e) {
            throw new IllegalStateException("a stored signing key cannot be used", e);
        }
    }

    /** A key that signs and verifies, from a stored private JWK; {@code provider} as above. */
    static SigningKey fromPrivateJwk(String kid, String json, Instant notAfter, Optional<Provider> provider) {
        try {
            JWK jwk = parse(json, kid);
            if (jwk instanceof ECKey ec) {
                return new SigningKey(ec.getKeyID(), JWSAlgorithm.ES256, Optional.of(with(provider, new ECDSASigner(ec))),
                        with(provider, new ECDSAVerifier(ec.toPublicJWK())), Optional.of(ec.toPublicJWK()), notAfter);
            }
            if (jwk instanceof RSAKey rsa) {
                return new SigningKey(rsa.getKeyID(), JWSAlgorithm.RS256, Optional.of(with(provider, new RSASSASigner(rsa))),
                        with(provider, new RSASSAVerifier(rsa.toPublicJWK())), Optional.of(rsa.toPublicJWK()), notAfter);
            }
            throw new IllegalStateException("a stored signing key is neither EC nor RSA");
        } catch (JOSEException e) {
            throw new IllegalStateException("a stored signing key cannot be used", e);
        }
    }

    /** 256 random bits: an HS256 secret for a node that was given none. */
    static byte[] randomSecret(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    static SigningKey hmac(byte[] secret, Optional<Provider> provider) {
        try {
            return new SigningKey(hmacKid(secret), JWSAlgorithm.HS256, Optional.of(with(provider, new MACSigner(secret))),
                    with(provider, new MACVerifier(secret)), Optional.empty(), null);
        } catch (JOSEException e) {
            throw new IllegalStateException("jwt.secret is not a usable HS256 key", e);
        }
    }

    /** The signer or verifier, using {@code provider} for its JCA work when one is given. */
    private static <T extends JCAAware<JCAContext>> T with(Optional<Provider> provider, T operation) {
        provider.ifPresent(p -> operation.getJCAContext().setProvider(p));
        return operation;
    }

    /** A stable id for the secret that reveals nothing of it: a truncated HMAC of a fixed label. */
    static String hmacKid(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal("kid".getBytes(StandardCharsets.US_ASCII));
            return "hs-" + Base64URL.encode(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
