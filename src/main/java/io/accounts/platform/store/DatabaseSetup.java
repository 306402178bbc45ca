package io.accounts.platform.store;

/**
 * Database work a feature needs once before it serves (indexes, its first documents). {@link DatabaseSetups} runs every
 * implementation at start-up, in {@link #order()}, and again from the readiness check until all have succeeded.
 */
public interface DatabaseSetup {

    /** Indexes first (0), then what relies on them, such as documents that must be unique (100). */
    default int order() {
        return 0;
    }

    /** Idempotent: creating what exists already is a no-op. */
    void setUp();
}
