package io.accounts.passwords;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configured argon2id cost; start-up fails on values argon2 would refuse or that are below OWASP's floor. */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("argon2.parallelism must be 1..64, was " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("argon2.iterations must be at least 1, was " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("argon2.memory (KiB) must be 8 x parallelism .. 4194304, was "
                    + memoryKib);
        }
    }

    @Override
    public String toString() {
        return "m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism;
    }

    /** CDI producer reading {@code argon2.*}. */
    @ApplicationScoped
    static class Producer {
        @Produces
        Argon2Parameters parameters(
                @ConfigProperty(name = "argon2.memory", defaultValue = "19456") int memory,
                @ConfigProperty(name = "argon2.iterations", defaultValue = "2") int iterations,
                @ConfigProperty(name = "argon2.parallelism", defaultValue = "1") int parallelism) {
            return new Argon2Parameters(memory, iterations, parallelism);
        }
    }
}
