package io.accounts.auth;

import java.time.Instant;

/**
 * A login: its id (the {@code sid} claim, and the refresh-token family) and when the password was checked
 * (the {@code auth_time} claim), from which the absolute session lifetime is counted.
 */
public record Session(String id, Instant authTime) {
}
