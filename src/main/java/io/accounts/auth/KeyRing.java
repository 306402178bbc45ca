package io.accounts.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keys this node signs and verifies with: the active one signs, every one still listed verifies.
 * In HS256 mode the ring holds one key made from {@code SECRET_KEY}, or a random one when none is set.
 */
@ApplicationScoped
public class KeyRing {

    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());

    @Inject
    JwtConfig config;

    @Inject
    SecureRandom random;

    private volatile SigningKey active;
    private volatile Map<String, SigningKey> byKid = Map.of();

    @PostConstruct
    void init() {
        if (JWSAlgorithm.HS256.equals(config.algorithm())) {
            install(List.of(hmacKey(config.secret().orElseGet(this::randomSecret))), 0);
        } else {
            throw new IllegalStateException("jwt.algorithm " + config.algorithm() + " is not available yet");
        }
    }

    public SigningKey active() {
        return active;
    }

    public Optional<SigningKey> find(String kid) {
        return Optional.ofNullable(kid).map(byKid::get);
    }

    /** The public keys to publish, active first. */
    public List<JWK> publicJwks() {
        return byKid.values().stream().flatMap(k -> k.publicJwk().stream()).toList();
    }

    void install(List<SigningKey> keys, int activeIndex) {
        byKid = keys.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(SigningKey::kid, k -> k));
        active = keys.get(activeIndex);
    }

    private byte[] randomSecret() {
        LOG.warning("jwt.secret (SECRET_KEY) is not set: signing with a random key; every token dies with"
                + " this process. Set SECRET_KEY (32+ bytes) to keep tokens valid across restarts and nodes.");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    static SigningKey hmacKey(byte[] secret) {
        try {
            return new SigningKey(hmacKid(secret), JWSAlgorithm.HS256, Optional.of(new MACSigner(secret)),
                    new MACVerifier(secret), Optional.empty());
        } catch (JOSEException e) {
            throw new IllegalStateException("jwt.secret is not a usable HS256 key", e);
        }
    }

    /** A stable id for the secret that reveals nothing of it: a truncated HMAC of a fixed label. */
    public static String hmacKid(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal("kid".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return "hs-" + Base64URL.encode(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
