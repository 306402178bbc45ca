package io.accounts.platform.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the MVStore's own background thread would do, done beside the commit-per-acknowledgement of
 * {@link DurableH2Backend} (which switches that thread off): four times a second it rewrites the live pages of
 * chunks whose fill rate fell below the target (each commit leaves the pages it replaced dead in older chunks), and
 * moves chunks into the holes this leaves so the file shrinks; about once a second it forces the file to the disk.
 * Each step is bounded in bytes, so it holds the store lock, and an acknowledgement waiting on it, for milliseconds;
 * under heavy writes a pass repeats the rewriting for up to 60 ms, so it keeps up with the writes.
 */
final class StoreHousekeeping implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoreHousekeeping.class.getName());
    /** Live bytes rewritten, and chunk bytes moved, per pass at most. */
    static final int REWRITE_BYTES = 256 << 10;
    static final int MOVE_BYTES = 512 << 10;
    /** How long one pass may keep rewriting when behind (of every {@code housekeepingMillis}). */
    private static final long BUDGET_NANOS = 60_000_000L;
    /** The file is forced to the disk at most this often. */
    private static final long SYNC_NANOS = 1_000_000_000L;

    private final DurableH2Backend backend;
    private final MVStore store;
    private final int fillRate;
    private final ScheduledThreadPoolExecutor thread = StoreThread.start("embedded-store-housekeeping");
    private long syncedWrites;
    private long syncedAt = System.nanoTime();

    StoreHousekeeping(DurableH2Backend backend, StoreSettings settings) {
        this.backend = backend;
        this.store = backend.store();
        this.fillRate = settings.fillRatePercent();
        thread.scheduleWithFixedDelay(this::pass, settings.housekeepingMillis(), settings.housekeepingMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One round: sync, rewrite sparse chunks, move chunks down and truncate. Never throws. */
    void pass() {
        try {
            FileStore<?> file = store.getFileStore();
            if (store.isClosed() || file == null) {
                return;
            }
            long writes = file.getWriteCount();
            if (writes != syncedWrites && System.nanoTime() - syncedAt >= SYNC_NANOS) {
                store.sync();
                syncedWrites = writes;
                syncedAt = System.nanoTime();
            }
            long until = System.nanoTime() + BUDGET_NANOS;
            boolean rewrote = true;
            while (rewrote && file.getChunksFillRate() < fillRate && System.nanoTime() < until) {
                boolean[] done = new boolean[1];
                backend.maintain(() -> done[0] = store.compact(fillRate, REWRITE_BYTES));
                rewrote = done[0];
            }
            if (file.getFillRate() < fillRate && file instanceof RandomAccessStore randomAccess) {
                backend.maintain(() -> randomAccess.compactMoveChunks(fillRate, MOVE_BYTES, store));
            }
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                LOG.log(Level.WARNING, "embedded store housekeeping failed; it runs again in a second", e);
            }
        }
    }

    @Override
    public void close() {
        StoreThread.stop(thread);
    }
}
