package io.accounts.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator (what wrk2 does; Debian packages none): requests are due at a fixed rate whatever the
 * server answers, and each latency is counted from when its request was due, not from when a connection was free,
 * so a slow server shows as latency instead of as fewer requests (no coordinated omission). A pool of keep-alive
 * HTTP/1.1 connections takes the due requests in order.
 *
 * <pre>java io.accounts.bench.OpenLoop URL RATE SECONDS CONNECTIONS</pre>
 * Environment: OPEN_METHOD (GET), OPEN_HEADERS ("Name: value" lines joined by '|'), OPEN_BODY (a template in which
 * {n} becomes 1..OPEN_N in turn), OPEN_N (1), OPEN_WARM_SECONDS (3: requests at the same rate first, sent and not
 * counted, so that the generator's own JIT and connections are ready). Prints one line: offered rate, requests due, answered by status
 * class, 429 and 503, errors, unfinished at the end (counted with the time they had waited), and the latency
 * percentiles p50/p90/p99/p99.9/max in milliseconds.
 */
public final class OpenLoop {

    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final URI uri;
    private final String method;
    private final String headers;
    private final String body;
    private final int bodies;
    private final LinkedBlockingQueue<Long> due = new LinkedBlockingQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final long[] latencies;
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong otherStatus = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long deadline = Long.MAX_VALUE;
    /** Requests due before this are the warm-up (the generator's JIT and the connections): sent, not counted. */
    private volatile long measureFrom = Long.MAX_VALUE;

    private OpenLoop(URI uri, int capacity) {
        this.uri = uri;
        this.method = env("OPEN_METHOD", "GET");
        this.headers = env("OPEN_HEADERS", "");
        this.body = System.getenv("OPEN_BODY");
        this.bodies = Integer.parseInt(env("OPEN_N", "1"));
        this.latencies = new long[capacity];
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int total = (int) Math.round(rate * seconds);
        int warm = (int) Math.round(rate * Integer.parseInt(env("OPEN_WARM_SECONDS", "3")));
        OpenLoop load = new OpenLoop(uri, total);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(load::work, "open-loop-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        double period = 1e9 / rate;
        long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long start = first + (long) (warm * period);
        load.measureFrom = start;
        for (int i = -warm; i < total; i++) {
            long at = start + (long) (i * period);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            load.due.add(at);
        }
        long end = start + (long) (total * period);
        load.deadline = end + GRACE_NANOS;
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(load.deadline - System.nanoTime()) + 1000));
        }
        load.report(rate, total, end);
    }

    private void work() {
        Connection connection = null;
        while (true) {
            Long at;
            try {
                at = due.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (at == null) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                continue;
            }
            if (System.nanoTime() > deadline) {
                due.add(at);   // left for the report as unfinished
                return;
            }
            boolean counted = at >= measureFrom;
            try {
                if (connection == null) {
                    connection = new Connection(uri);
                }
                int status = connection.exchange(request());
                if (!counted) {
                    if (connection.closed) {
                        connection.close();
                        connection = null;
                    }
                    continue;
                }
                record(System.nanoTime() - at);
                if (status == 429) {
                    throttled.incrementAndGet();
                } else if (status == 503) {
                    unavailable.incrementAndGet();
                } else if (status >= 200 && status < 400) {
                    ok.incrementAndGet();
                } else {
                    otherStatus.incrementAndGet();
                }
                if (connection.closed) {
                    connection.close();
                    connection = null;
                }
            } catch (IOException e) {
                if (counted) {
                    record(System.nanoTime() - at);
                    errors.incrementAndGet();
                }
                if (connection != null) {
                    connection.close();
                }
                connection = null;
            }
        }
    }

    private byte[] request() {
        StringBuilder text = new StringBuilder(256).append(method).append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        text.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (String header : headers.split("\\|")) {
            if (!header.isBlank()) {
                text.append(header.strip()).append("\r\n");
            }
        }
        byte[] content = body == null ? null
                : body.replace("{n}", Integer.toString(next.getAndIncrement() % bodies + 1))
                .getBytes(StandardCharsets.UTF_8);
        if (content != null) {
            text.append("Content-Length: ").append(content.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        if (content == null) {
            return head;
        }
        byte[] whole = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, whole, head.length, content.length);
        return whole;
    }

    private void record(long nanos) {
        int slot = recorded.getAndIncrement();
        if (slot < latencies.length) {
            latencies[slot] = nanos;
        }
    }

    private void report(double rate, int total, long end) {
        int answered = Math.min(recorded.get(), latencies.length);
        List<Long> waiting = new ArrayList<>(due);
        waiting.removeIf(at -> at < measureFrom);
        long now = System.nanoTime();
        int unfinished = total - answered;
        long[] all = Arrays.copyOf(latencies, answered + unfinished);
        // requests never answered count with the time they had waited: a lower bound, never left out
        for (int i = 0; i < unfinished; i++) {
            all[answered + i] = i < waiting.size() ? now - waiting.get(i) : now - end;
        }
        Arrays.sort(all);
        System.out.printf("offered=%.1f due=%d ok=%d s429=%d s503=%d other=%d errors=%d unfinished=%d"
                        + " p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f%n", rate, total, ok.get(), throttled.get(),
                unavailable.get(), otherStatus.get(), errors.get(), unfinished, percentile(all, 0.50),
                percentile(all, 0.90), percentile(all, 0.99), percentile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection: a request written, its answer read whole (length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        boolean closed;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closed = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            return code;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
