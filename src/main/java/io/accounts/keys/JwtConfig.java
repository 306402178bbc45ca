package io.accounts.keys;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The token settings ({@code aud} only when {@code jwt.audience} is set), checked once: an unknown algorithm, a short HS256 secret, or a clock skew above 10% of
 * the token lifetime stop the deployment with a message naming the property.
 */
public record JwtConfig(JWSAlgorithm algorithm, Optional<byte[]> secret, String issuer, Optional<String> audience,
                        Duration ttl, Duration skew, Duration sessionLifetime) {

    static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256);
    static final int MIN_SECRET_BYTES = 32;

    public JwtConfig {
        if (!SUPPORTED.contains(algorithm)) {
            throw new IllegalArgumentException("jwt.algorithm must be ES256, RS256 or HS256, was " + algorithm);
        }
        if (secret.isPresent() && secret.get().length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("jwt.secret (SECRET_KEY) must be at least " + MIN_SECRET_BYTES
                    + " bytes, was " + secret.get().length);
        }
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("jwt.issuer must not be blank");
        }
        audience = audience.map(String::strip).filter(a -> !a.isEmpty());
        if (ttl.toSeconds() < 10) {
            throw new IllegalArgumentException("jwt.ttl must be at least 10 seconds, was " + ttl.toSeconds());
        }
        if (skew.isNegative() || skew.multipliedBy(10).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("jwt.clock-skew must be 0.." + ttl.toSeconds() / 10
                    + " s (10% of jwt.ttl), was " + skew.toSeconds());
        }
        if (sessionLifetime.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("session.lifetime must not be shorter than jwt.ttl");
        }
    }

    /** The issuer without a trailing slash: the base of the discovery document's URLs. */
    public String issuerBase() {
        return issuer.replaceAll("/+$", "");
    }

    /** CDI producer reading {@code jwt.*} and {@code session.lifetime}. */
    @ApplicationScoped
    static class Producer {
        @Produces
        JwtConfig config(@ConfigProperty(name = "jwt.algorithm", defaultValue = "ES256") String algorithm,
                         @ConfigProperty(name = "jwt.secret") Optional<String> secret,
                         @ConfigProperty(name = "jwt.issuer", defaultValue = "http://localhost:9080") String issuer,
                         @ConfigProperty(name = "jwt.audience") Optional<String> audience,
                         @ConfigProperty(name = "jwt.ttl", defaultValue = "300") long ttl,
                         @ConfigProperty(name = "jwt.clock-skew", defaultValue = "30") long skew,
                         @ConfigProperty(name = "session.lifetime", defaultValue = "86400") long session) {
            return new JwtConfig(JWSAlgorithm.parse(algorithm.strip().toUpperCase(Locale.ROOT)),
                    secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                    issuer, audience, Duration.ofSeconds(ttl), Duration.ofSeconds(skew), Duration.ofSeconds(session));
        }
    }
}
