package io.accounts.platform.store;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread of each background task of the embedded store (housekeeping, expiry): delayed tasks not yet
 * started are dropped at shutdown, and stopping never interrupts, because a thread interrupted in the middle of
 * file I/O closes the store's FileChannel.
 */
final class StoreThread {

    private StoreThread() {
    }

    static ScheduledThreadPoolExecutor start(String name) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread worker = new Thread(runnable, name);
            worker.setDaemon(true);
            return worker;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return thread;
    }

    /** Lets a running task finish (up to 10 s) and runs no other. */
    static void stop(ScheduledThreadPoolExecutor thread) {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
