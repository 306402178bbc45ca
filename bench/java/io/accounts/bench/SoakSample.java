package io.accounts.bench;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One 10-second sample of a soak: the store (write commands so far, live documents and their BSON bytes, the file),
 * and the processes (resident size, CPU and GC seconds so far) of the service's nodes and of the database where it
 * runs apart.
 */
record SoakSample(double seconds, long requests, long rotations, long writes, long documents, long dataBytes,
                  long fileBytes, long serviceRssKb, double serviceCpu, double serviceGc, long dbRssKb, double dbCpu,
                  double dbGc, long chunksFill, long fileFill, long chunks) {

    private static final long MIB = 1 << 20;

    /** Reads a sample off the running processes and the store. */
    static final class Probe {
        private final MongoClient mongo;
        private final Path file;
        private final List<Long> servicePids;
        private final Long dbPid;

        Probe(MongoClient mongo, Path file, List<Long> servicePids, Long dbPid) {
            this.mongo = mongo;
            this.file = file;
            this.servicePids = servicePids;
            this.dbPid = dbPid;
        }

        SoakSample sample(double seconds, long requests, long rotations) throws IOException, InterruptedException {
            Document reply = mongo.getDatabase("admin").runCommand(new Document("accountsOperationCounts", 1));
            Document counts = reply.get("counts", Document.class);
            Document store = reply.get("store", Document.class);
            long writes = 0;
            for (String write : List.of("insert", "update", "delete", "findandmodify")) {
                Number count = counts.get(write, Number.class);
                writes += count == null ? 0 : count.longValue();
            }
            long documents = 0;
            long data = 0;
            // the service's database (listDatabases would scan every collection of mongo-java-server)
            Document stats = Soak.stats(mongo, "myDB");
            documents += stats.get("objects", Number.class).longValue();
            data += stats.get("dataSize", Number.class).longValue();
            long rss = 0;
            double cpu = 0;
            double gc = 0;
            for (long pid : servicePids) {
                rss += rssKb(pid);
                cpu += Soak.cpuSeconds(pid);
                gc += gcSeconds(pid);
            }
            return new SoakSample(seconds, requests, rotations, writes, documents, data, Files.size(file), rss, cpu,
                    gc, dbPid == null ? 0 : rssKb(dbPid), dbPid == null ? 0 : Soak.cpuSeconds(dbPid),
                    dbPid == null ? 0 : gcSeconds(dbPid), store.get("chunks_fill_rate", Number.class).longValue(),
                    store.get("fill_rate", Number.class).longValue(), store.get("chunk_count", Number.class).longValue());
        }
    }

    String line(SoakSample previous) {
        double window = seconds - previous.seconds;
        long rotated = rotations - previous.rotations;
        return Soak.format("t=%5.0fs req/s=%4.0f rot/s=%4.0f writes=%8d docs=%7d data=%6.1fMB file=%6.1fMB"
                        + " (chunks %d%% full, file %d%%, %d chunks) rss=%4.0fMB"
                        + " gc=%4.1f%% cpu/rot=%4.2fms db rss=%4.0fMB gc=%4.1f%% cpu/rot=%4.2fms",
                seconds, (requests - previous.requests) / window, rotated / window, writes, documents,
                dataBytes / (double) MIB, fileBytes / (double) MIB, chunksFill, fileFill, chunks, serviceRssKb / 1024.0,
                100 * (serviceGc - previous.serviceGc) / window, perRotation(serviceCpu - previous.serviceCpu, rotated),
                dbRssKb / 1024.0, 100 * (dbGc - previous.dbGc) / window, perRotation(dbCpu - previous.dbCpu, rotated));
    }

    static void writeCsv(List<SoakSample> samples, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("seconds,requests,rotations,writes,documents,data_bytes,file_bytes,service_rss_kb,service_cpu_s,"
                + "service_gc_s,db_rss_kb,db_cpu_s,db_gc_s,chunks_fill_pct,file_fill_pct,chunks");
        for (SoakSample s : samples) {
            lines.add(Soak.format("%.1f,%d,%d,%d,%d,%d,%d,%d,%.2f,%.3f,%d,%.2f,%.3f,%d,%d,%d", s.seconds, s.requests,
                    s.rotations, s.writes, s.documents, s.dataBytes, s.fileBytes, s.serviceRssKb, s.serviceCpu,
                    s.serviceGc, s.dbRssKb, s.dbCpu, s.dbGc, s.chunksFill, s.fileFill, s.chunks));
        }
        Files.write(file, lines);
    }

    /** The run against the goals of the soak: file and live data, GC share, CPU per rotation early and late. */
    static String summary(List<SoakSample> samples, Map<String, LongAdder> operations,
                          Map<Integer, LongAdder> statuses) {
        SoakSample first = samples.get(0);
        SoakSample last = samples.get(samples.size() - 1);
        SoakSample middle = at(samples, last.seconds / 2);
        SoakSample fiveIn = at(samples, 300);
        SoakSample fiveBefore = at(samples, last.seconds - 300);
        double wall = last.seconds - first.seconds;
        double worstRatio = 0;
        long largestLate = 0;
        for (SoakSample s : samples) {
            if (s.seconds >= middle.seconds) {
                worstRatio = Math.max(worstRatio, s.fileBytes / (double) Math.max(1, s.dataBytes));
                largestLate = Math.max(largestLate, s.fileBytes);
            }
        }
        double early = perRotation(fiveIn.serviceCpu - first.serviceCpu, fiveIn.rotations - first.rotations);
        double late = perRotation(last.serviceCpu - fiveBefore.serviceCpu, last.rotations - fiveBefore.rotations);
        double dbEarly = perRotation(fiveIn.dbCpu - first.dbCpu, fiveIn.rotations - first.rotations);
        double dbLate = perRotation(last.dbCpu - fiveBefore.dbCpu, last.rotations - fiveBefore.rotations);
        StringBuilder text = new StringBuilder();
        text.append(Soak.format("- %.1f min, %d requests (%.0f/s), %d rotations, %d database write commands"
                        + " (%.0f/s); operations %s; statuses %s%n", wall / 60, last.requests - first.requests,
                (last.requests - first.requests) / wall, last.rotations - first.rotations, last.writes - first.writes,
                (last.writes - first.writes) / wall, sorted(operations), sorted(statuses)));
        text.append(Soak.format("- live data at the end: %d documents, %.1f MB of BSON; file %.1f MB (%.2fx)%n",
                last.documents, last.dataBytes / (double) MIB, last.fileBytes / (double) MIB,
                last.fileBytes / (double) Math.max(1, last.dataBytes)));
        double livePages = last.fileBytes * (last.fileFill / 100.0) * (last.chunksFill / 100.0);
        double worstPages = 0;
        for (SoakSample s : samples) {
            if (s.seconds >= middle.seconds) {
                worstPages = Math.max(worstPages, 100.0 * 100.0 / Math.max(1, s.fileFill * s.chunksFill));
            }
        }
        text.append(Soak.format("- live pages at the end (documents and index entries as stored: file x used share x"
                        + " live share of the used chunks): %.1f MB; file %.2fx that; second half at most %.2fx%n",
                livePages / MIB, last.fileBytes / Math.max(1, livePages), worstPages));
        text.append(Soak.format("- second half: file at most %.2fx the live data; largest file %.1f MB, at the middle"
                        + " %.1f MB, at the end %.1f MB%n", worstRatio, largestLate / (double) MIB,
                middle.fileBytes / (double) MIB, last.fileBytes / (double) MIB));
        text.append(Soak.format("- GC: service %.2f%% of wall time%s%n", 100 * (last.serviceGc - first.serviceGc) / wall,
                last.dbRssKb == 0 ? "" : Soak.format(", database process %.2f%%", 100 * (last.dbGc - first.dbGc) / wall)));
        text.append(Soak.format("- CPU per rotation (all CPU of the process / rotations, the mix held constant):"
                        + " service first 5 min %.2f ms, last 5 min %.2f ms (%+.0f%%)%s%n", early, late,
                100 * (late - early) / early, last.dbRssKb == 0 ? "" : Soak.format("; database process %.2f ms, %.2f ms"
                        + " (%+.0f%%)", dbEarly, dbLate, 100 * (dbLate - dbEarly) / dbEarly)));
        text.append(Soak.format("- resident size: service %.0f-%.0f MB%s%n", min(samples, true) / 1024.0,
                max(samples, true) / 1024.0, last.dbRssKb == 0 ? "" : Soak.format(", database process %.0f-%.0f MB",
                        min(samples, false) / 1024.0, max(samples, false) / 1024.0)));
        return text.toString();
    }

    private static SoakSample at(List<SoakSample> samples, double seconds) {
        SoakSample found = samples.get(0);
        for (SoakSample s : samples) {
            if (s.seconds <= seconds) {
                found = s;
            }
        }
        return found;
    }

    private static double perRotation(double cpuSeconds, long rotations) {
        return rotations == 0 ? 0 : 1000 * cpuSeconds / rotations;
    }

    private static long min(List<SoakSample> samples, boolean service) {
        return samples.stream().mapToLong(s -> service ? s.serviceRssKb : s.dbRssKb).min().orElse(0);
    }

    private static long max(List<SoakSample> samples, boolean service) {
        return samples.stream().mapToLong(s -> service ? s.serviceRssKb : s.dbRssKb).max().orElse(0);
    }

    private static <K> Map<K, Long> sorted(Map<K, LongAdder> counts) {
        Map<K, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.sum()));
        return sorted;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** GC seconds so far, as jstat reads them off the JVM (column GCT). */
    private static double gcSeconds(long pid) throws IOException, InterruptedException {
        Process jstat = new ProcessBuilder("jstat", "-gcutil", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(jstat.getInputStream().readAllBytes()).lines().toList();
        jstat.waitFor();
        if (lines.size() < 2) {
            return 0;
        }
        String[] header = lines.get(0).trim().split("\\s+");
        String[] values = lines.get(1).trim().split("\\s+");
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals("GCT")) {
                return Double.parseDouble(values[i]);
            }
        }
        return 0;
    }
}
