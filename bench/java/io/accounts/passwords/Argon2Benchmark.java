package io.accounts.passwords;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One argon2id hash with the service's hasher: the shipped parameters and Keycloak's default (m=7 MiB, t=5). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Argon2Benchmark {

    /** memory KiB : iterations, parallelism 1. */
    @Param({"19456:2", "7168:5"})
    public String parameters;

    PasswordHasher hasher;
    String hash;

    @Setup
    public void setup() {
        String[] parts = parameters.split(":");
        hasher = new PasswordHasher();
        hasher.parameters = new Argon2Parameters(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 1);
        hasher.maxConcurrent = 64;
        hasher.loginReserve = -1;
        hasher.maxWaitMillis = 60_000;
        hasher.init();
        hash = hasher.hash("correct horse battery staple");
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(hash, "correct horse battery staple");
    }
}
