package io.accounts.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.keys.JwtConfig;
import io.accounts.keys.KeyRing;
import io.accounts.keys.TestKeyRings;
import io.accounts.security.JwsTokenVerifier;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.TestVerifiers;
import io.accounts.user.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

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

    /** {@code jwt.crypto-provider}: {@code native} (ACCP) or {@code jdk}. */
    @Param({"native", "jdk"})
    public String provider;

    AccessTokens tokens;
    JwsTokenVerifier verifier;
    User user;
    Session session;
    String token;

    /** A ring of one key of the algorithm, without MongoDB. */
    static KeyRing ring(JWSAlgorithm algorithm, String provider) {
        return TestKeyRings.fixed(algorithm, config(algorithm), provider);
    }

    static JwtConfig config(JWSAlgorithm algorithm) {
        return new JwtConfig(algorithm, Optional.empty(), "https://issuer.example", Optional.empty(),
                Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofHours(24));
    }

    @Setup
    public void setup() {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        TokenRoundTripTest.Ring ring = new TokenRoundTripTest.Ring(ring(alg, provider), config(alg));
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
        return TestVerifiers.verifyFully(verifier, token);
    }

    /** A token this node has verified before (a client reusing its token): the cache's hit path. */
    @Benchmark
    public JwtPrincipal verifyAgain() {
        return verifier.verify(token);
    }
}
