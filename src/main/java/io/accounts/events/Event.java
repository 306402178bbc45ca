package io.accounts.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event: when, what, whose account (null when none is known), from which client address, and small details
 * such as a key id or the roles set. Never a password, token, code or hash: details are chosen by the code that
 * records the event, from an allow-list of what may be said.
 */
public record Event(String id, Instant time, EventType type, String userId, String address, Map<String, String> details) {
}
