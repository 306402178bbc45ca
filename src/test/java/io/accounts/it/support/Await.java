package io.accounts.it.support;

import java.time.Duration;
import java.util.Optional;

/**
 * Waiting for what another process does (a server that starts, a mail that arrives, an event that is recorded, a
 * cache that expires): polls until a condition holds or the time is up. A poll that throws an exception counts as
 * "not yet" (a server not listening yet) and the last one is named in the failure; an {@link AssertionError}
 * thrown by a poll fails at once.
 */
public final class Await {

    /** One poll: a value once there is one. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    /** One poll: whether the awaited state has been reached. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** The first value {@code probe} yields, polled every {@code every} for at most {@code within}; else empty. */
    public static <T> Optional<T> poll(Duration within, Duration every, Probe<T> probe) throws InterruptedException {
        return attempt(within, every, probe).value;
    }

    /** The first value {@code probe} yields within the time; an {@link AssertionError} naming {@code what} if none. */
    public static <T> T value(String what, Duration within, Duration every, Probe<T> probe)
            throws InterruptedException {
        Attempt<T> attempt = attempt(within, every, probe);
        return attempt.value.orElseThrow(() -> new AssertionError("no " + what + " within " + within, attempt.last));
    }

    /** Whether {@code condition} came to hold within the time. */
    public static boolean holds(Duration within, Duration every, Condition condition) throws InterruptedException {
        return poll(within, every, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty())
                .isPresent();
    }

    /** Returns once {@code condition} holds; an {@link AssertionError} naming {@code what} if it did not in time. */
    public static void until(String what, Duration within, Duration every, Condition condition)
            throws InterruptedException {
        value(what, within, every, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private record Attempt<T>(Optional<T> value, Exception last) {
    }

    private static <T> Attempt<T> attempt(Duration within, Duration every, Probe<T> probe)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) {
                    return new Attempt<>(value, null);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Attempt<>(Optional.empty(), last);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
