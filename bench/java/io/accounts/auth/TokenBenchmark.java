package io.accounts.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.security.JwtPrincipal;
import io.accounts.user.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Signing and verifying one access token, per algorithm, with the service's own signer and verifier. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {

    @Param({"ES256", "RS256", "HS256"})
    public String algorithm;

    AccessTokens tokens;
    JwsTokenVerifier verifier;
    User user;
    Session session;
    String token;

    /** A ring of one key, without MongoDB. */
    static final class FixedRing extends KeyRing {
        private final SigningKey key;

        FixedRing(SigningKey key, JwtConfig config) {
            this.key = key;
            this.config = config;
        }

        @Override
        public SigningKey active() {
            return key;
        }

        @Override
        public Optional<SigningKey> find(String kid) {
            return key.kid().equals(kid) ? Optional.of(key) : Optional.empty();
        }
    }

    /** A ring for the algorithm; signer and verifier come from the unit tests' builders. */
    static KeyRing ring(JWSAlgorithm algorithm) {
        SigningKey key = JWSAlgorithm.HS256.equals(algorithm)
                ? KeyFactory.hmac("a benchmark secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8))
                : KeyFactory.fromPrivateJwk(KeyFactory.generate(algorithm), null);
        return new FixedRing(key, new JwtConfig(algorithm, Optional.empty(), "https://issuer.example",
                Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24)));
    }

    @Setup
    public void setup() {
        KeyRing ring = ring(JWSAlgorithm.parse(algorithm));
        tokens = TokenRoundTripTest.tokens(ring, Clock.systemUTC());
        verifier = TokenRoundTripTest.verifier(ring, Clock.systemUTC());
        user = TokenRoundTripTest.user();
        session = new Session("benchmark-session", Instant.now());
        token = tokens.issue(user, session).token();
    }

    @Benchmark
    public String sign() {
        return tokens.issue(user, session).token();
    }

    /** Signature and claims checked in full, as for a token this node has not seen. */
    @Benchmark
    public JwtPrincipal verify() {
        return verifier.verifyFully(token);
    }

    /** A token this node has verified before (a client reusing its token): the cache's hit path. */
    @Benchmark
    public JwtPrincipal verifyAgain() {
        return verifier.verify(token);
    }
}
