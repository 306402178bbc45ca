package io.accounts.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.security.SecureRandom;
import java.time.Clock;

/** The clock and the random source every service uses, produced here so tests can substitute them. */
@ApplicationScoped
public class ClockAndRandomProducer {

    private final SecureRandom random = new SecureRandom();

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    SecureRandom random() {
        return random;
    }
}
