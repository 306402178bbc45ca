package io.accounts.platform.store;

/**
 * How the embedded store uses memory and disk (docs/PERFORMANCE.md, "The embedded default under months of use"):
 * its page cache, the bound on the heap it keeps beyond the pages a command is using; how long a chunk no longer
 * needed is kept before its space is reused (0: at the next commit; every command pins the version it reads, so no
 * chunk a command may still read is reused under it); how often housekeeping runs (it forces the file to the disk
 * about once a second); the fill rate below which chunks are rewritten and moved; how often documents past a TTL
 * index's limit are deleted; the size at which a page splits; and whether pages are compressed (LZF) in the file.
 * Small pages and compression are what keep the file near the live data: each acknowledged write commits the pages
 * it changed, so a commit with 16 KB pages (H2's default) left ~4 times the live data behind in the file, one with
 * 4 KB compressed pages ~1.2 times (docs/PERFORMANCE.md, "Smaller pages, compressed").
 */
record StoreSettings(int cacheMegabytes, int retentionMillis, int housekeepingMillis, int fillRatePercent,
                     int sweepSeconds, int pageSplitKilobytes, boolean compress) {

    static final StoreSettings DEFAULTS = new StoreSettings(4, 0, 250, 75, 60, 4, true);

    StoreSettings {
        if (cacheMegabytes < 1) {
            throw new IllegalStateException("embedded.cache-mb must be at least 1, not " + cacheMegabytes);
        }
        if (sweepSeconds < 1) {
            throw new IllegalStateException("embedded.ttl-sweep-seconds must be at least 1, not " + sweepSeconds);
        }
    }

    StoreSettings with(int cacheMegabytes, int sweepSeconds) {
        return new StoreSettings(cacheMegabytes, retentionMillis, housekeepingMillis, fillRatePercent, sweepSeconds,
                pageSplitKilobytes, compress);
    }
}
