package io.accounts.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.accounts.policy.Policy;
import io.accounts.policy.PolicyParser;
import io.accounts.security.BearerToken;
import io.accounts.security.JwtPrincipal;
import io.accounts.security.JwsTokenVerifier;
import io.accounts.security.Roles;
import io.accounts.user.TokenOwners;
import io.accounts.user.User;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The authorizer's whole decision for one authenticated request, as {@code AuthorizationFilter} makes it: the
 * shipped policy asked for an anonymous caller, the ES256 token verified (claims, revocation stamp through the
 * user cache), and the policy asked again with the caller. The user lookup is stubbed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizerBenchmark {

    Policy policy;
    JwsTokenVerifier verifier;
    String header;
    String path;

    @Setup
    public void setup() throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of("server-config/policy.json"));
             JsonReader reader = Json.createReader(in)) {
            policy = new PolicyParser(Roles.ALL).parse(reader.readObject());
        }
        User user = TokenRoundTripTest.user();
        StampRevocations revocations = new StampRevocations();
        revocations.owners = new TokenOwners() {
            @Override
            public User tokenOwner(String id) {
                return user;
            }
        };
        TokenRoundTripTest.Ring ring = new TokenRoundTripTest.Ring(TokenBenchmark.ring(JWSAlgorithm.ES256, "auto"),
                TokenBenchmark.config(JWSAlgorithm.ES256));
        verifier = TokenRoundTripTest.verifier(ring, Clock.systemUTC(), revocations);
        header = "Bearer " + TokenRoundTripTest.tokens(ring, Clock.systemUTC()).issue(user, new Session("s", Instant.now()))
                .token();
        path = "/user/" + user.getId();
    }

    @Benchmark
    public boolean authorize() {
        if (policy.allows("GET", path, null)) {
            return true;
        }
        JwtPrincipal caller = verifier.verify(BearerToken.from(header));
        return policy.allows("GET", path, caller);
    }

    @Benchmark
    public boolean policyOnly() {
        return policy.allows("PUT", path + "/roles", null);
    }
}
